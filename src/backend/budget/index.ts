export { BudgetKeeper, virtualBudgetKeeper, type BudgetName, type BucketStats } from './keeper';
export { budgetedTransport, budgetExhaustedReply, isBudgetExhausted, BUDGET_EXHAUSTED } from './budgetedTransport';
export { MemoryBucketStore, DocumentBucketStore, type BucketStateStore } from './stateStore';
export { budgetSpecs, requestCost, workloadOf, type TenantSize, type Workload } from './workloads';
