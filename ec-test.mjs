import * as echarts from "echarts";
const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 800, height: 400 });
chart.setOption({ animation:false, series: [{ type: "tree", orient: "LR", data: [{ name: "Bereikbaar", children: [{ name: "Doel 1", children: [{name:"KSF a"}] }, { name: "Doel 2" }] }], label:{position:"left"}, leaves:{label:{position:"right"}} }] });
const svg = chart.renderToSVGString();
console.log(svg.length, svg.slice(0,200));
const c2 = echarts.init(null, null, { renderer: "svg", ssr: true, width: 500, height: 400 });
c2.setOption({ animation:false, radar: { indicator: [{name:"A",max:5},{name:"B",max:5},{name:"C",max:5}] }, series:[{type:"radar", data:[{value:[3,4,2], name:"2026"}]}]});
const s2=c2.renderToSVGString(); console.log(s2.length);
import fs from "fs"; fs.writeFileSync("/tmp/tree.svg", svg); fs.writeFileSync("/tmp/radar.svg", s2);
