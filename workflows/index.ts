// Every workflow the worker registers; the worker bundles this file.
export { trajectoryWorkflow } from './trajectory/workflow';
export { dailyDigest, deliverNotification } from './delivery/workflow';
