export * from './imports';
export * from './leads';
export * from './settings';
export * from './sources';
export * from './spend';
export * from './targets';
export * from './touches';
export * from './users';
