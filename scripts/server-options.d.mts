export const SERVER_NODE_OPTIONS: string;
export function withServerNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
