import { CliError } from '../errors/cli-error.js'
import { readPackageJson, writePackageJson } from '../project/package-json.js'
import { projectTransaction } from '../project/transaction.js'
import { packageModuleDir } from '../codegen/layout.js'
import type { CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

export const remove: CommandSpec = {
  name: 'remove',
  summary: 'Remove a package added with `parley add`, and its generated module',
  details: 'Refuses while bot.definition.ts still adds the package under that alias: remove its bot.addPlugin or bot.addIntegration first. All or nothing, like add.',
  arguments: [{ name: '<alias>', description: 'the alias the package was added under (see package.json "parleyDependencies")' }],
  async run({ cwd, out }, [alias]) {
    const { checkNotAdded } = await import('../project/composition.js')
    const dependencies = { ...readPackageJson(cwd).parleyDependencies }
    if (!Object.hasOwn(dependencies, alias!)) {
      const known = Object.keys(dependencies)
      throw new CliError('ALIAS_UNKNOWN', `no package added as "${alias}"; ${known.length ? `added: ${known.join(', ')}` : 'none have been added (parley add <package>)'}`)
    }
    await checkNotAdded(cwd, alias!)
    await projectTransaction(cwd, async () => {
      const json = readPackageJson(cwd)
      const { [alias!]: _removed, ...rest } = json.parleyDependencies ?? {}
      json.parleyDependencies = rest
      writePackageJson(cwd, json)
      await writeGenerated({ cwd, out })
    })
    out.info(`Removed "${alias}" and ${packageModuleDir(alias!)}/`)
    return 0
  },
}
