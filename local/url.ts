// A request target as API Gateway reads it: its path and query string, and the path on the stage.

/** A request target split once into its path and its query string (without the `?`). */
export const splitUrl = (url: string): { path: string; query: string } => {
  const [path = '/', query = ''] = url.split(/\?(.*)/s);
  return { path, query };
};

/** `/v1/items` on stage `v1` is `/items`, as on the invoke URL; a path without the stage is served as is. */
export const withoutStage = (path: string, stage: string) =>
  path === `/${stage}` ? '/' : path.startsWith(`/${stage}/`) ? path.slice(stage.length + 1) : path;
