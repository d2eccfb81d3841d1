// The coherence of the KPIs (samenhang): focus area → strategic goal → success factor → KPI as an
// interactive echarts tree in the browser (pan, zoom, collapse/expand; a click on a KPI opens it),
// the "influences" links as an echarts graph, and — always in the page, also without JavaScript —
// the same tree as nested lists with links and the links as a table. echarts is loaded in an
// effect, so the server never loads it for this page.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData, useNavigate } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { loadKpiTree, type KpiTree, type TreeKpi } from "../../modules/kpis/kpi-tree.server";
import styles from "../../styles/kpis.css?url";

export const meta: MetaFunction = () => [{ title: "Samenhang van de KPI's · Koers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const tree = await loadKpiTree(member);
  return { cbsCode: member.cbsCode, municipality: member.municipalityName, tree, mayEdit: can(member.role, { kpi: ["edit"] }) };
}

interface TreeNode {
  name: string;
  kpiId?: string;
  children?: TreeNode[];
  itemStyle?: { color: string; borderColor?: string };
  label?: { backgroundColor?: string; color?: string };
}

const COLORS = { root: "#00487a", area: "#00487a", goal: "#2e6b30", factor: "#8a5a00", kpi: "#6b2e6b", incomplete: "#b00020" };

function kpiNode(k: TreeKpi, incompleteLabel: string): TreeNode {
  return { name: k.complete ? k.name : `${k.name} (${incompleteLabel})`, kpiId: k.id, itemStyle: { color: k.complete ? COLORS.kpi : COLORS.incomplete } };
}

function treeData(tree: KpiTree, labels: { root: string; unlinked: string; incomplete: string }): TreeNode {
  const children: TreeNode[] = tree.areas.map((a) => ({
    name: a.name,
    itemStyle: { color: COLORS.area },
    children: a.goals.map((g) => ({
      name: g.title,
      itemStyle: { color: COLORS.goal },
      children: g.factors.map((f) => ({ name: f.title, itemStyle: { color: COLORS.factor }, children: f.kpis.map((k) => kpiNode(k, labels.incomplete)) })),
    })),
  }));
  if (tree.unlinked.length) children.push({ name: labels.unlinked, itemStyle: { color: "#4a4a4a" }, children: tree.unlinked.map((k) => kpiNode(k, labels.incomplete)) });
  return { name: labels.root, itemStyle: { color: COLORS.root }, children };
}

/** How many leaves the tree has: the chart grows with it so labels do not overlap. */
function leafCount(node: TreeNode): number {
  return node.children?.length ? node.children.reduce((n, c) => n + leafCount(c), 0) : 1;
}

type Echarts = typeof import("echarts/core");

/** Loads echarts with only the tree and graph charts and the SVG renderer, once per page view. */
let loading: Promise<Echarts> | null = null;
function loadEcharts(): Promise<Echarts> {
  loading ??= Promise.all([import("echarts/core"), import("echarts/charts"), import("echarts/renderers")]).then(([core, charts, renderers]) => {
    core.use([charts.TreeChart, charts.GraphChart, renderers.SVGRenderer]);
    return core;
  });
  return loading;
}

function useChart(build: (echarts: Echarts, element: HTMLDivElement) => (() => void) | void, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let cleanup: (() => void) | void;
    let cancelled = false;
    loadEcharts()
      .then((echarts) => {
        if (cancelled || !ref.current) return;
        cleanup = build(echarts, ref.current);
        setState("ready");
      })
      .catch(() => setState("failed"));
    return () => {
      cancelled = true;
      cleanup?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { ref, state };
}

export default function KpiTreePage() {
  const { t } = useTranslation();
  const { cbsCode, municipality, tree, mayEdit } = useLoaderData<typeof loader>();
  const base = `/g/${cbsCode}/kpis`;
  const empty = tree.areas.length === 0 && tree.unlinked.length === 0;
  const names = new Map<string, string>();
  for (const k of tree.unlinked) names.set(k.id, k.name);
  for (const a of tree.areas) for (const g of a.goals) for (const f of g.factors) for (const k of f.kpis) names.set(k.id, k.name);
  return (
    <>
      <Heading1>{t("kpiDefinitions.tree.title")}</Heading1>
      <Paragraph>{t("kpiDefinitions.tree.intro")}</Paragraph>
      <nav aria-label={t("kpiDefinitions.title")} className="koers-kpi-links">
        <RemixLink to={`${base}/bibliotheek`} className="utrecht-link">
          {t("kpiDefinitions.nav.library")}
        </RemixLink>
        <RemixLink to={base} className="utrecht-link">
          {t("kpiDefinitions.nav.dashboard")}
        </RemixLink>
        {mayEdit ? (
          <RemixLink to={`${base}/nieuw`} className="utrecht-link">
            {t("kpiDefinitions.nav.newKpi")}
          </RemixLink>
        ) : null}
      </nav>
      {empty ? (
        <Paragraph>{t("kpiDefinitions.tree.empty")}</Paragraph>
      ) : (
        <>
          <section className="koers-section" aria-labelledby="graph-heading">
            <Heading2 id="graph-heading">{t("kpiDefinitions.tree.graphHeading")}</Heading2>
            <Paragraph id="graph-hint">{t("kpiDefinitions.tree.graphHint")}</Paragraph>
            <TreeChart tree={tree} municipality={municipality} base={base} />
          </section>
          {tree.influences.length ? (
            <section className="koers-section" aria-labelledby="influence-graph-heading">
              <Heading2 id="influence-graph-heading">{t("kpiDefinitions.tree.influenceGraphHeading")}</Heading2>
              <InfluenceChart tree={tree} names={names} base={base} />
            </section>
          ) : null}
          <section className="koers-section" aria-labelledby="list-heading">
            <Heading2 id="list-heading">{t("kpiDefinitions.tree.listHeading")}</Heading2>
            <TreeList tree={tree} base={base} />
          </section>
          <section className="koers-section" aria-labelledby="influences-heading">
            <Heading2 id="influences-heading">{t("kpiDefinitions.tree.influencesHeading")}</Heading2>
            {tree.influences.length === 0 ? (
              <Paragraph className="koers-muted">{t("kpiDefinitions.tree.noInfluences")}</Paragraph>
            ) : (
              <Table className="koers-table">
                <TableCaption>{t("kpiDefinitions.tree.influencesCaption")}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t("kpiDefinitions.tree.from")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("kpiDefinitions.tree.to")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {tree.influences.map((l) => (
                    <TableRow key={`${l.from}-${l.to}`}>
                      <TableCell>
                        <RemixLink to={`${base}/${l.from}`} className="utrecht-link">
                          {names.get(l.from)}
                        </RemixLink>
                      </TableCell>
                      <TableCell>
                        <RemixLink to={`${base}/${l.to}`} className="utrecht-link">
                          {names.get(l.to)}
                        </RemixLink>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        </>
      )}
    </>
  );
}

function TreeChart({ tree, municipality, base }: { tree: KpiTree; municipality: string; base: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = treeData(tree, { root: t("kpiDefinitions.tree.root", { municipality }), unlinked: t("kpiDefinitions.tree.unlinked"), incomplete: t("kpiDefinitions.tree.incomplete") });
  const height = Math.max(360, leafCount(data) * 34);
  const { ref, state } = useChart(
    (echarts, element) => {
      const chart = echarts.init(element, null, { renderer: "svg", height });
      chart.setOption({
        series: [
          {
            type: "tree",
            data: [data],
            top: 16,
            bottom: 16,
            left: 100,
            right: 270,
            roam: true,
            expandAndCollapse: true,
            initialTreeDepth: -1,
            symbolSize: 12,
            animationDuration: 300,
            // Inner nodes carry their label above the node, so it never lies across the edges
            // towards the parent; leaves (KPIs) carry theirs to the right.
            label: { position: "top", verticalAlign: "bottom", align: "center", distance: 6, fontSize: 13, color: "#1a1a1a", width: 170, overflow: "truncate" },
            leaves: { label: { position: "right", verticalAlign: "middle", align: "left", width: 260, overflow: "truncate" } },
            emphasis: { focus: "descendant" },
          },
        ],
      });
      const onClick = (params: { data?: unknown }) => {
        const node = params.data as TreeNode | undefined;
        if (node?.kpiId) navigate(`${base}/${node.kpiId}`);
      };
      chart.on("click", onClick);
      const onResize = () => chart.resize();
      window.addEventListener("resize", onResize);
      return () => {
        window.removeEventListener("resize", onResize);
        chart.dispose();
      };
    },
    [JSON.stringify(data), height],
  );
  return (
    <figure className="koers-kpi-chart">
      <div ref={ref} className="koers-kpi-chart__canvas" style={{ height }} aria-hidden="true" />
      {state === "loading" ? <Paragraph className="koers-muted">{t("kpiDefinitions.tree.loading")}</Paragraph> : null}
      <figcaption>{t("kpiDefinitions.tree.graphCaption", { municipality })}</figcaption>
    </figure>
  );
}

function InfluenceChart({ tree, names, base }: { tree: KpiTree; names: Map<string, string>; base: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ids = [...new Set(tree.influences.flatMap((l) => [l.from, l.to]))];
  const height = Math.max(280, Math.min(640, ids.length * 70));
  const { ref } = useChart(
    (echarts, element) => {
      const chart = echarts.init(element, null, { renderer: "svg", height });
      chart.setOption({
        series: [
          {
            type: "graph",
            layout: "circular",
            roam: true,
            symbolSize: 18,
            edgeSymbol: ["none", "arrow"],
            edgeSymbolSize: 10,
            itemStyle: { color: COLORS.kpi },
            label: { show: true, position: "right", fontSize: 13, color: "#1a1a1a" },
            lineStyle: { color: "#4a4a4a", width: 1.5, curveness: 0.15 },
            data: ids.map((id) => ({ id, name: names.get(id) ?? id, kpiId: id })),
            links: tree.influences.map((l) => ({ source: l.from, target: l.to })),
          },
        ],
      });
      chart.on("click", (params: { dataType?: string; data?: unknown }) => {
        const node = params.data as { kpiId?: string } | undefined;
        if (params.dataType === "node" && node?.kpiId) navigate(`${base}/${node.kpiId}`);
      });
      return () => chart.dispose();
    },
    [JSON.stringify(tree.influences), height],
  );
  return (
    <figure className="koers-kpi-chart">
      <div ref={ref} className="koers-kpi-chart__canvas" style={{ height }} aria-hidden="true" />
      <figcaption>{t("kpiDefinitions.tree.influenceGraphCaption")}</figcaption>
    </figure>
  );
}

function KpiItems({ kpis, base }: { kpis: TreeKpi[]; base: string }) {
  const { t } = useTranslation();
  if (kpis.length === 0) return <span className="koers-muted"> — {t("kpiDefinitions.tree.noKpis")}</span>;
  return (
    <ul>
      {kpis.map((k) => (
        <li key={k.id}>
          <span className="koers-muted">{t("kpiDefinitions.tree.kpiNode")}: </span>
          <RemixLink to={`${base}/${k.id}`} className="utrecht-link">
            {k.name}
          </RemixLink>
          {k.templateCode ? <span className="koers-muted"> ({k.templateCode})</span> : null}
          {!k.complete ? (
            <>
              {" "}
              <span className="koers-badge koers-badge--incomplete">{t("kpiDefinitions.tree.incomplete")}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function TreeList({ tree, base }: { tree: KpiTree; base: string }) {
  const { t } = useTranslation();
  return (
    <div className="koers-kpi-tree-list">
      <ul>
        {tree.areas.map((a) => (
          <li key={a.id}>
            <strong>{a.name}</strong>
            <ul>
              {a.goals.map((g) => (
                <li key={g.id}>
                  {g.title}
                  {g.factors.length === 0 ? (
                    <span className="koers-muted"> — {t("kpiDefinitions.tree.noFactors")}</span>
                  ) : (
                    <ul>
                      {g.factors.map((f) => (
                        <li key={f.id}>
                          <em>{f.title}</em>
                          <KpiItems kpis={f.kpis} base={base} />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {tree.unlinked.length ? (
        <>
          <Heading3 id="unlinked-heading">{t("kpiDefinitions.tree.unlinked")}</Heading3>
          <Paragraph>{t("kpiDefinitions.tree.unlinkedIntro")}</Paragraph>
          <KpiItems kpis={tree.unlinked} base={base} />
        </>
      ) : null}
    </div>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
