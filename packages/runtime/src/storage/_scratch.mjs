import { PGlite } from '@electric-sql/pglite'
const t0 = Date.now()
const db = await PGlite.create()
console.log('startup ms', Date.now() - t0)
const r = await db.query(`select 1::int8 as a, now() as t, '{"x":1}'::jsonb as j, 2.5::numeric as n, count(*) as c from (values (1)) v`)
console.log(r.rows, r.fields)
const e = await db.exec(`create table t (a jsonb, b float8, d timestamptz); select 1::int8 as a, '{"y":2}'::jsonb as j`)
console.log(JSON.stringify(e.map(x=>x.rows)))
await db.query(`insert into t values ($1, $2, $3)`, ['"hello"', 3, new Date()])
await db.query(`insert into t values ($1::text::jsonb, $2, $3)`, ['"hello"', 3, '2024-01-01T00:00:00.000Z'])
await db.query(`insert into t values ($1, $2, $3)`, [{a:1}, 3, new Date()])
console.log((await db.query('select * from t')).rows)
try { await db.query('select * from nope') } catch (err) { console.log(err.constructor.name, err.code, err.message) }
try { await db.query('select 1; select 2') } catch (err) { console.log('multi', err.code, err.message) }
await db.close()
