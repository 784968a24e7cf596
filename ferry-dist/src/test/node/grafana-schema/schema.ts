// The shapes ComposeFilesTest checks the compose stack's Grafana files against, built from Grafana's own published
// TypeScript types: the dashboard model of @grafana/schema (generated from Grafana's CUE schema), and the alert rule,
// alert query, server-side math expression and Prometheus query models of @grafana/grafana-foundation-sdk (generated
// from Grafana's API and plugin schemas). The test writes check.ts, which assigns each file's content as an object
// literal to one of these types, and runs tsc: an unknown key anywhere (a typo), a value of the wrong type, a value
// outside an enum or a missing required key fails the check.
import type { Dashboard, Panel, RowPanel, VariableModel } from '@grafana/schema';
import type { Query, Rule } from '@grafana/grafana-foundation-sdk/alerting';
import type { Dataquery as PrometheusDataquery } from '@grafana/grafana-foundation-sdk/prometheus';
import type { TypeMath } from '@grafana/grafana-foundation-sdk/expr';

/**
 * A type as its JSON is written: a string enum as its string values (the generated types declare TypeScript enums,
 * to which a plain string literal is not assignable), and without the methods the SDK's classes declare.
 */
export type AsJson<T> =
    T extends string ? `${T}` :
    T extends number | boolean | null | undefined ? T :
    T extends (...args: any[]) => any ? never :
    T extends ReadonlyArray<infer E> ? AsJson<E>[] :
    T extends object ? { [K in keyof T as T[K] extends (...args: any[]) => any ? never : K]: AsJson<T[K]> } :
    T;

/** A Prometheus query of a panel or an alert rule (the panel schema leaves targets to the datasource plugin). */
export type PrometheusQuery = AsJson<PrometheusDataquery>;

export type DashboardPanel = AsJson<Omit<Panel, 'targets'>> & { targets?: PrometheusQuery[] };
export type DashboardRow = AsJson<Omit<RowPanel, 'panels'>> & { panels: DashboardPanel[] };

/**
 * A template variable as Grafana's dashboard editor saves it, two keys looser than the generated type: {@code
 * definition} (the query as its editor shows it, which Grafana writes and the generated type lacks) and {@code
 * current: {}} (nothing selected yet, which Grafana writes for a variable it resolves when the dashboard loads).
 */
export type DashboardVariable = AsJson<Omit<VariableModel, 'current'>> & {
    definition?: string;
    current?: Partial<AsJson<NonNullable<VariableModel['current']>>>;
};

/**
 * A dashboard JSON file: Grafana's dashboard model with Prometheus targets, plus {@code __requires}, the
 * list of plugins that Grafana's "export for sharing externally" writes and its import reads.
 */
export type DashboardFile = AsJson<Omit<Dashboard, 'panels' | 'templating'>> & {
    panels?: Array<DashboardPanel | DashboardRow>;
    templating?: { list?: DashboardVariable[] };
    __requires?: Array<{ type: string; id: string; name: string; version: string }>;
};

/** One query of an alert rule: the alert query model whose model is a Prometheus query or a math expression. */
export type AlertQuery = AsJson<Omit<Query, 'model'>> & { model: PrometheusQuery | AsJson<TypeMath> };

/**
 * An alert rule in a provisioning file: the API's rule model without the keys the file's group supplies (orgID,
 * folderUID, ruleGroup).
 */
export type ProvisionedRule = AsJson<Omit<Rule, 'orgID' | 'folderUID' | 'ruleGroup' | 'data'>> & { data: AlertQuery[] };

/**
 * An alerting provisioning file (Grafana's file provisioning format, apiVersion 1: groups with orgId, name, folder
 * and interval, which the SDK has no type for, each holding rules of the API's model).
 */
export type AlertRulesFile = {
    apiVersion: 1;
    groups: Array<{ orgId: number; name: string; folder: string; interval: string; rules: ProvisionedRule[] }>;
};
