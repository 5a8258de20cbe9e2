// Every screen: its path pattern, title, the permission it needs, and where it sits in the
// navigation. The navigation and the "not permitted" answer both come from this one table.
import type { ReactNode } from "react";
import { AuditTrail } from "./screens/Audit";
import { MatchingQueue } from "./screens/banking/MatchingQueue";
import { StatementImport } from "./screens/banking/StatementImport";
import { StatementLineView } from "./screens/banking/StatementLineView";
import { Home } from "./screens/Home";
import { Accounts } from "./screens/ledger/Accounts";
import { GeneralLedger } from "./screens/ledger/GeneralLedger";
import { Journal } from "./screens/ledger/Journal";
import { JournalEntryForm } from "./screens/ledger/JournalEntryForm";
import { JournalEntryView } from "./screens/ledger/JournalEntryView";
import { NewAccount } from "./screens/ledger/NewAccount";
import { BalanceSheet, IncomeStatement, TrialBalance } from "./screens/ledger/Reports";
import { NewPickList, PickLists } from "./screens/fulfilment/PickLists";
import { PickListView } from "./screens/fulfilment/PickListView";
import { ReturnView, Returns } from "./screens/fulfilment/Returns";
import { ShipNow, ShipmentView, Shipments } from "./screens/fulfilment/Shipments";
import { ItemForm } from "./screens/inventory/ItemForm";
import { AgingReport } from "./screens/receivables/Aging";
import { BillingRunView, BillingRuns, NewBillingRun } from "./screens/receivables/BillingRuns";
import { CustomerAccount } from "./screens/receivables/CustomerAccount";
import { NewReceipt, Receipts } from "./screens/receivables/receipts/Receipts";
import { ReceiptView } from "./screens/receivables/receipts/ReceiptView";
import { CollectionCaseView, CollectionCases, CollectionTasks } from "./screens/receivables/collections/Cases";
import { DunningRunView, DunningRuns, NewDunningRun } from "./screens/receivables/collections/Dunning";
import { CreditNoteView, InvoiceView } from "./screens/receivables/InvoiceView";
import { CreditNotes, Invoices } from "./screens/receivables/Invoices";
import { Items } from "./screens/inventory/Items";
import { ItemView } from "./screens/inventory/ItemView";
import { ReorderReport, StockLevels } from "./screens/inventory/Stock";
import { StockDocumentForm } from "./screens/inventory/StockDocumentForm";
import { WarehouseForm, Warehouses } from "./screens/inventory/Warehouses";
import { CustomerForm } from "./screens/sales/CustomerForm";
import { Customers } from "./screens/sales/Customers";
import { CustomerView } from "./screens/sales/CustomerView";
import { OrderForm } from "./screens/sales/OrderForm";
import { Orders } from "./screens/sales/Orders";
import { OrderView } from "./screens/sales/OrderView";

export interface Screen {
  pattern: string;
  title: string;
  permission: string | null;
  module: string;
  inNav: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

export const modules = ["Home", "Sales", "Fulfilment", "Billing", "Banking", "Inventory", "Ledger", "Audit"];

// Order matters: the first pattern that matches wins ("new" before ":id").
export const screens: Screen[] = [
  { pattern: "/", title: "Home", permission: null, module: "Home", inNav: true, render: () => <Home /> },
  { pattern: "/sales/customers", title: "Customers", permission: "sales.read", module: "Sales", inNav: true, render: () => <Customers /> },
  { pattern: "/sales/customers/new", title: "New customer", permission: "sales.manage", module: "Sales", inNav: false, render: () => <CustomerForm /> },
  { pattern: "/sales/customers/:id", title: "Customer", permission: "sales.read", module: "Sales", inNav: false, render: (p) => <CustomerView id={p.id} /> },
  { pattern: "/sales/customers/:id/edit", title: "Edit customer", permission: "sales.manage", module: "Sales", inNav: false, render: (p) => <CustomerForm id={p.id} /> },
  { pattern: "/sales/orders", title: "Sales orders", permission: "sales.read", module: "Sales", inNav: true, render: () => <Orders /> },
  { pattern: "/sales/orders/new", title: "New sales order", permission: "sales.order", module: "Sales", inNav: false, render: () => <OrderForm /> },
  { pattern: "/sales/orders/:id", title: "Sales order", permission: "sales.read", module: "Sales", inNav: false, render: (p) => <OrderView id={p.id} /> },
  { pattern: "/sales/orders/:id/edit", title: "Change sales order", permission: "sales.order", module: "Sales", inNav: false, render: (p) => <OrderForm id={p.id} /> },
  { pattern: "/fulfilment/pick-lists", title: "Pick lists", permission: "sales.read", module: "Fulfilment", inNav: true, render: () => <PickLists /> },
  { pattern: "/fulfilment/pick-lists/new", title: "New pick list", permission: "sales.fulfil", module: "Fulfilment", inNav: false, render: () => <NewPickList /> },
  { pattern: "/fulfilment/pick-lists/:id", title: "Pick list", permission: "sales.read", module: "Fulfilment", inNav: false, render: (p) => <PickListView id={p.id} /> },
  { pattern: "/fulfilment/shipments", title: "Shipments", permission: "sales.read", module: "Fulfilment", inNav: true, render: () => <Shipments /> },
  { pattern: "/fulfilment/shipments/new", title: "Ship now", permission: "sales.fulfil", module: "Fulfilment", inNav: false, render: () => <ShipNow /> },
  { pattern: "/fulfilment/shipments/:id", title: "Shipment", permission: "sales.read", module: "Fulfilment", inNav: false, render: (p) => <ShipmentView id={p.id} /> },
  { pattern: "/fulfilment/returns", title: "Returns", permission: "sales.read", module: "Fulfilment", inNav: true, render: () => <Returns /> },
  { pattern: "/fulfilment/returns/:id", title: "Return", permission: "sales.read", module: "Fulfilment", inNav: false, render: (p) => <ReturnView id={p.id} /> },
  { pattern: "/receivables/invoices", title: "Invoices", permission: "receivables.read", module: "Billing", inNav: true, render: () => <Invoices /> },
  { pattern: "/receivables/invoices/:id", title: "Invoice", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <InvoiceView id={p.id} /> },
  { pattern: "/receivables/credit-notes", title: "Credit notes", permission: "receivables.read", module: "Billing", inNav: true, render: () => <CreditNotes /> },
  { pattern: "/receivables/credit-notes/:id", title: "Credit note", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <CreditNoteView id={p.id} /> },
  { pattern: "/receivables/billing-runs", title: "Billing runs", permission: "receivables.read", module: "Billing", inNav: true, render: () => <BillingRuns /> },
  { pattern: "/receivables/billing-runs/new", title: "New billing run", permission: "receivables.read", module: "Billing", inNav: false, render: () => <NewBillingRun /> },
  { pattern: "/receivables/billing-runs/:id", title: "Billing run", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <BillingRunView id={p.id} /> },
  { pattern: "/receivables/receipts", title: "Receipts", permission: "receivables.read", module: "Billing", inNav: true, render: () => <Receipts /> },
  { pattern: "/receivables/receipts/new", title: "Record a receipt", permission: "receivables.collect", module: "Billing", inNav: false, render: () => <NewReceipt /> },
  { pattern: "/receivables/receipts/:id", title: "Receipt", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <ReceiptView id={p.id} /> },
  { pattern: "/receivables/dunning-runs", title: "Dunning runs", permission: "receivables.read", module: "Billing", inNav: true, render: () => <DunningRuns /> },
  { pattern: "/receivables/dunning-runs/new", title: "New dunning run", permission: "receivables.collect", module: "Billing", inNav: false, render: () => <NewDunningRun /> },
  { pattern: "/receivables/dunning-runs/:id", title: "Dunning run", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <DunningRunView id={p.id} /> },
  { pattern: "/receivables/collection-cases", title: "Collection cases", permission: "receivables.read", module: "Billing", inNav: true, render: () => <CollectionCases /> },
  { pattern: "/receivables/collection-cases/:id", title: "Collection case", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <CollectionCaseView id={p.id} /> },
  { pattern: "/receivables/collection-tasks", title: "Collection tasks", permission: "receivables.read", module: "Billing", inNav: true, render: () => <CollectionTasks /> },
  { pattern: "/receivables/aging", title: "Aging", permission: "receivables.read", module: "Billing", inNav: true, render: () => <AgingReport /> },
  { pattern: "/receivables/customers/:id", title: "Customer account", permission: "receivables.read", module: "Billing", inNav: false, render: (p) => <CustomerAccount id={p.id} /> },
  { pattern: "/banking/lines", title: "Matching queue", permission: "banking.read", module: "Banking", inNav: true, render: () => <MatchingQueue /> },
  { pattern: "/banking/lines/:id", title: "Statement line", permission: "banking.read", module: "Banking", inNav: false, render: (p) => <StatementLineView id={p.id} /> },
  { pattern: "/banking/import", title: "Import a statement", permission: "banking.reconcile", module: "Banking", inNav: true, render: () => <StatementImport /> },
  { pattern: "/inventory/items", title: "Items", permission: "inventory.read", module: "Inventory", inNav: true, render: () => <Items /> },
  { pattern: "/inventory/items/new", title: "New item", permission: "inventory.manage", module: "Inventory", inNav: false, render: () => <ItemForm /> },
  { pattern: "/inventory/items/:id", title: "Item", permission: "inventory.read", module: "Inventory", inNav: false, render: (p) => <ItemView id={p.id} /> },
  { pattern: "/inventory/items/:id/edit", title: "Edit item", permission: "inventory.manage", module: "Inventory", inNav: false, render: (p) => <ItemForm id={p.id} /> },
  { pattern: "/inventory/stock", title: "Stock levels", permission: "inventory.read", module: "Inventory", inNav: true, render: () => <StockLevels /> },
  { pattern: "/inventory/reorder-report", title: "Reorder report", permission: "inventory.read", module: "Inventory", inNav: true, render: () => <ReorderReport /> },
  { pattern: "/inventory/receipts/new", title: "Stock receipt", permission: "inventory.manage", module: "Inventory", inNav: false, render: () => <StockDocumentForm kind="receipt" /> },
  { pattern: "/inventory/adjustments/new", title: "Stock adjustment", permission: "inventory.manage", module: "Inventory", inNav: false, render: () => <StockDocumentForm kind="adjustment" /> },
  { pattern: "/inventory/warehouses", title: "Warehouses", permission: "inventory.read", module: "Inventory", inNav: true, render: () => <Warehouses /> },
  { pattern: "/inventory/warehouses/new", title: "New warehouse", permission: "inventory.manage", module: "Inventory", inNav: false, render: () => <WarehouseForm /> },
  { pattern: "/inventory/warehouses/:id", title: "Warehouse", permission: "inventory.read", module: "Inventory", inNav: false, render: (p) => <WarehouseForm id={p.id} /> },
  { pattern: "/ledger/accounts", title: "Chart of accounts", permission: "ledger.read", module: "Ledger", inNav: true, render: () => <Accounts /> },
  { pattern: "/ledger/accounts/new", title: "New account", permission: "ledger.manage", module: "Ledger", inNav: false, render: () => <NewAccount /> },
  { pattern: "/ledger/accounts/:id", title: "General ledger", permission: "ledger.read_department", module: "Ledger", inNav: false, render: (p) => <GeneralLedger id={p.id} /> },
  { pattern: "/ledger/journal", title: "Journal", permission: "ledger.read", module: "Ledger", inNav: true, render: () => <Journal /> },
  { pattern: "/ledger/journal/new", title: "New journal entry", permission: "ledger.post", module: "Ledger", inNav: false, render: () => <JournalEntryForm /> },
  { pattern: "/ledger/journal/:id", title: "Journal entry", permission: "ledger.read", module: "Ledger", inNav: false, render: (p) => <JournalEntryView id={p.id} /> },
  { pattern: "/ledger/trial-balance", title: "Trial balance", permission: "ledger.read_department", module: "Ledger", inNav: true, render: () => <TrialBalance /> },
  { pattern: "/ledger/income-statement", title: "Income statement", permission: "ledger.read_department", module: "Ledger", inNav: true, render: () => <IncomeStatement /> },
  { pattern: "/ledger/balance-sheet", title: "Balance sheet", permission: "ledger.read", module: "Ledger", inNav: true, render: () => <BalanceSheet /> },
  { pattern: "/audit/events", title: "Audit trail", permission: "audit.read", module: "Audit", inNav: true, render: () => <AuditTrail /> },
];
