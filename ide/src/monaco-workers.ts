// GraphiQL 5's editors are Monaco, which runs its language services in web workers. Vite must see
// each worker as a `?worker` import to bundle it (GraphiQL's docs, "setup-workers/vite"); written
// out here rather than imported from graphiql/setup-workers/vite so that nothing is logged per worker.
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";
import JsonWorker from "monaco-editor/esm/vs/language/json/json.worker.js?worker";
import GraphQLWorker from "monaco-graphql/esm/graphql.worker.js?worker";

// monaco-editor's own typings declare window.MonacoEnvironment.
window.MonacoEnvironment = {
  getWorker(_workerId, label) {
    switch (label) {
      case "json":
        return new JsonWorker();
      case "graphql":
        return new GraphQLWorker();
      default:
        return new EditorWorker();
    }
  },
};
