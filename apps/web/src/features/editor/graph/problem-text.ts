/**
 * A diagnostic message without its leading "node <id>: ", which the IR adds for logs and the server;
 * on the canvas and in the problems list the node is already named, so the id would only be noise.
 */
export function problemText(message: string, nodeId: string | undefined): string {
  if (!nodeId) return message;
  const prefix = `node ${nodeId}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
