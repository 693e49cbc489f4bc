import { CliError } from '../errors/cli-error.js'
import { readPackageJson, writePackageJson } from '../project/package-json.js'
import { packageModuleDir } from '../codegen/layout.js'
import type { CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

export const remove: CommandSpec = {
  name: 'remove',
  summary: 'Remove a package added with `parley add`, and its generated module',
  arguments: [{ name: '<alias>', description: 'the alias the package was added under (see package.json "parleyDependencies")' }],
  async run({ cwd, out }, [alias]) {
    const json = readPackageJson(cwd)
    const dependencies = { ...json.parleyDependencies }
    if (!(alias! in dependencies)) {
      const known = Object.keys(dependencies)
      throw new CliError('ALIAS_UNKNOWN', `no package added as "${alias}"; ${known.length ? `added: ${known.join(', ')}` : 'none have been added (parley add <package>)'}`)
    }
    delete dependencies[alias!]
    json.parleyDependencies = dependencies
    writePackageJson(cwd, json)
    await writeGenerated({ cwd, out })
    out.info(`Removed "${alias}" and ${packageModuleDir(alias!)}/`)
    return 0
  },
}
