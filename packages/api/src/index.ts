export * from './errors';
export * from './projects';
export * from './datasets';
export * from './audit';
export * from './routes';
export * from './runs';
export * from './deployments';
export * from './system';
