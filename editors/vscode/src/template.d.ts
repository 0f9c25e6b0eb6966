// esbuild bundles text files (templates/*.toml) as strings.
declare module "*.toml" {
  const text: string;
  export default text;
}
