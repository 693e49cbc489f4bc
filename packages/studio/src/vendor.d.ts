// Swagger UI's prebuilt bundle ships no types; the Studio calls it with an options object only.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  const SwaggerUI: (options: object) => unknown
  export default SwaggerUI
}
