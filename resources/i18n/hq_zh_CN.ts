<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="597"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="603"/>
        <source>In region</source>
        <translation>区域排名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="608"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="609"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="610"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="612"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
</context>
<context>
    <name>FilingDialog</name>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="44"/>
        <source>HQ report</source>
        <translation>总行汇总报告</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="46"/>
        <source>optional, e.g. 消保〔2026〕12号</source>
        <translation>可不填，例如 消保〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="48"/>
        <source>optional, e.g. 内部</source>
        <translation>可不填，例如 内部</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="50"/>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="51"/>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="240"/>
        <source>open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="241"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="242"/>
        <source>closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="246"/>
        <location filename="../../inspector/ui/hq/models.py" line="302"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="247"/>
        <location filename="../../inspector/ui/hq/models.py" line="303"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="248"/>
        <location filename="../../inspector/ui/hq/models.py" line="304"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="253"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="256"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="261"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="265"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="266"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="268"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="273"/>
        <source>Repeat</source>
        <translation>屡查屡犯</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="275"/>
        <source>Repeat (%1 earlier)</source>
        <translation>屡查屡犯（前 %1 次）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="281"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="283"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="298"/>
        <source>An earlier finalized inspection (%1) failed this item; severity raised one level.</source>
        <translation>此前已定稿的检查（%1）该项也不符合；严重程度已上调一级。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="306"/>
        <source>The inspector&apos;s laptop recorded: %1.</source>
        <translation>检查端记录为：%1。</translation>
    </message>
</context>
<context>
    <name>HqDashboard</name>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="136"/>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="137"/>
        <source>Last 90 days</source>
        <translation>最近90天</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="138"/>
        <source>Last 12 months</source>
        <translation>最近12个月</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="139"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="140"/>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="157"/>
        <source>All modes</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="158"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="159"/>
        <source>Mystery shopper</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="163"/>
        <source>Include drafts</source>
        <translation>包含草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="166"/>
        <source>Count draft (not finalized) inspections too; they are marked as drafts. Half-answered drafts can move a branch in the league.</source>
        <translation>同时统计草稿（未定稿）检查，并标注为草稿。未完成的草稿可能改变网点排名。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="171"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="179"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="180"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="181"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="182"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="202"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="205"/>
        <source>Double-click a branch to list its inspections</source>
        <translation>双击网点可查看其全部检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="213"/>
        <source>Area scores, latest inspection per branch and area</source>
        <translation>各区域得分（每个网点各区域最近一次检查）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="228"/>
        <source>Items failed most often</source>
        <translation>最常见问题项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="229"/>
        <source>Veto failures</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="236"/>
        <source>Monthly</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="237"/>
        <source>Quarter on quarter</source>
        <translation>按季度（环比）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="253"/>
        <source>Rectification per branch</source>
        <translation>各网点整改情况</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="254"/>
        <source>Open and overdue findings</source>
        <translation>未整改与逾期问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="261"/>
        <source>Photos to review: the same image in other inspections, or a capture time outside the visit (device clocks can be wrong)</source>
        <translation>需复核的照片：同一照片出现在其他检查中，或拍摄时间不在检查时段内（设备时钟可能有误）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="272"/>
        <source>Branches</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="273"/>
        <source>Items and vetoes</source>
        <translation>问题项与否决项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="274"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="275"/>
        <source>Rectification</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="276"/>
        <source>Evidence integrity</source>
        <translation>证据完整性</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="277"/>
        <source>Consumer rights</source>
        <translation>八项权利</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="278"/>
        <source>Mystery shopping</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="283"/>
        <source>Branch assessment</source>
        <translation>消保考核</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="315"/>
        <source>Eight consumer rights</source>
        <translation>金融消费者八项权利</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="316"/>
        <source>Evaluation elements</source>
        <translation>监管评价要素</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="323"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="331"/>
        <source>Click a branch to see where its points came from</source>
        <translation>点击网点查看各项得分来源</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="351"/>
        <source>Where the points came from</source>
        <translation>得分来源</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="356"/>
        <source>Rectification per branch and region</source>
        <translation>各网点、各区域整改情况</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="383"/>
        <source>Not assessed: no finalized inspection or visit in the period.</source>
        <translation>不参与考核：期间内无已定稿的检查或暗访。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="386"/>
        <source>Score %1 · rank %2 in the bank, %3 in %4</source>
        <translation>得分 %1 · 全行第 %2 名，%4第 %3 名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="407"/>
        <source>%1 · period: %2 · region and period from the filter above; other filters do not apply.</source>
        <translation>%1 · 期间：%2 · 区域和期间取自上方筛选，其他筛选不适用。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="413"/>
        <source>Click a branch to see where its points came from.</source>
        <translation>点击网点查看各项得分来源。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="423"/>
        <source>Overdue as of %1; repeats as HQ evaluates them over all its data.</source>
        <translation>逾期按 %1 计；屡查屡犯按总行对全部数据的判定。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="429"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="747"/>
        <source>All waves</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="443"/>
        <source>Per scenario: average total and each section&apos;s average percent</source>
        <translation>按场景：平均总分及各部分平均得分率</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="450"/>
        <source>Visits</source>
        <translation>各次暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="454"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="486"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="702"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="487"/>
        <source>All checklists</source>
        <translation>全部检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="506"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="538"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="557"/>
        <source>Could not load the HQ views: %1</source>
        <translation>无法加载总行视图：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="603"/>
        <source>No section scores in this selection</source>
        <translation>所选范围内没有分项得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="628"/>
        <source>%1: failed %2 times in %3 branches</source>
        <translation>%1：在 %3 个网点不符合 %2 次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="635"/>
        <source>No failed items in this selection</source>
        <translation>所选范围内没有不符合项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="696"/>
        <source>Quarterly average score, like with like: %1</source>
        <translation>季度平均分（同类相比）：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="704"/>
        <source>No scores in this selection</source>
        <translation>所选范围内没有得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="761"/>
        <source>Showing the newest %1 of %2 visits, listed by branch code; the summary above covers all of them. “Export Excel…” (above) writes every visit.</source>
        <translation>显示最近 %1 次暗访，共 %2 次，按网点代码排列；上方汇总涵盖全部暗访。全部暗访可用上方“导出 Excel…”导出。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="700"/>
        <source>Monthly average score, like with like: %1</source>
        <translation>月度平均分（同类相比）：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="651"/>
        <source>%1 inspections · %2 branches · average %3 · %4 veto failures · %5 open findings, %6 overdue · %7 photos to review</source>
        <translation>检查 %1 次 · 网点 %2 个 · 平均分 %3 · 一票否决 %4 次 · 整改中 %5 项 · 逾期 %6 项 · 待复核照片 %7 张</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="662"/>
        <source>League: %1</source>
        <translation>排名范围：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="666"/>
        <source>%1 branches not ranked (no such inspection; listed last)</source>
        <translation>%1 个网点未参与排名（本期无此类检查，列于末尾）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="669"/>
        <source>includes %1 draft(s), marked [draft]</source>
        <translation>含 %1 份草稿，标注为 [草稿]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="675"/>
        <source>Updated %1 · %2</source>
        <translation>更新于 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="680"/>
        <source>⚠ marks branches with inspections from untrusted devices</source>
        <translation>⚠ 表示该网点有来自未受信任设备的检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="733"/>
        <source>%1: each branch&apos;s latest finalized inspection; percent of the points possible for each right (items not applicable left out). Period and drafts do not apply here.</source>
        <translation>%1：每个网点最近一次已定稿的检查；各项权利的得分率＝得分÷可得分（不适用的检查项不计入）。期间和草稿筛选不适用于本页。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="739"/>
        <source>No finalized inspection of “%1” in this selection.</source>
        <translation>所选范围内没有“%1”的已定稿检查。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="772"/>
        <source>Finalized mystery-shopper visits. Sections are compared like with like: a section&apos;s average counts only the visits where it applied; totals compare within one scenario or one wave. Period, checklist and mode do not apply here.</source>
        <translation>已定稿的神秘客暗访。各部分同口径比较：某部分的平均分只计入适用该部分的暗访；总分只在同一场景或同一批次内可比。期间、检查表和方式筛选不适用于本页。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="777"/>
        <source>all regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="780"/>
        <source>No finalized mystery-shopper visits of wave “%1” in %2.</source>
        <translation>%2没有批次“%1”的已定稿神秘客暗访。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="785"/>
        <source>No finalized mystery-shopper visits in %1.</source>
        <translation>%1没有已定稿的神秘客暗访。</translation>
    </message>
</context>
<context>
    <name>HqFiles</name>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="88"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="91"/>
        <source>HQ report (PDF)…</source>
        <translation>汇总报告 PDF…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="102"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="104"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="110"/>
        <source>Writing the Excel workbook (every finding and answer)…</source>
        <translation>正在写入 Excel 工作簿（含全部问题项和答案）…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="128"/>
        <source>HQ report</source>
        <translation>总行汇总报告</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="130"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="137"/>
        <source>Writing the HQ report…</source>
        <translation>正在生成总行汇总报告…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="162"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/files.py" line="169"/>
        <source>HQ files</source>
        <translation>总行文件</translation>
    </message>
</context>
<context>
    <name>IntegrityModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="318"/>
        <source>same photo elsewhere</source>
        <translation>照片重复使用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="319"/>
        <source>taken outside the visit</source>
        <translation>拍摄时间不在检查时段</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="322"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="323"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="324"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="326"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="330"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="332"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>LeagueModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="92"/>
        <source>Rank</source>
        <extracomment>The role a view&apos;s sort proxy sorts by: the raw value, numbers as numbers.</extracomment>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="97"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="99"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="104"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="105"/>
        <source>incomplete, not ranked</source>
        <translation>未答完，不参与排名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="109"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="111"/>
        <source>Latest</source>
        <translation>最近得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="120"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="125"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="136"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="142"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="149"/>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="155"/>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="158"/>
        <source>Vetoes</source>
        <translation>否决项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="160"/>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="172"/>
        <source>no scenario</source>
        <translation>未选场景</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector/ui/hq/models.py" line="176"/>
        <source>%n inspection(s) from devices HQ does not trust</source>
        <translation>
            <numerusform>%n 次检查来自总行未信任的设备</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MysteryScenarioModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="474"/>
        <source>(no scenario)</source>
        <translation>（未选场景）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="480"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="485"/>
        <source>Visits</source>
        <translation>暗访次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="487"/>
        <source>Average total</source>
        <translation>平均总分</translation>
    </message>
</context>
<context>
    <name>MysteryVisitModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="518"/>
        <source>(no scenario)</source>
        <translation>（未选场景）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="524"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="524"/>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="528"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="529"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="530"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="531"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="533"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="539"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="545"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="547"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="564"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="571"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>RectificationModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="213"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="214"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="215"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="216"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="217"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
</context>
<context>
    <name>RectifyModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="637"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="641"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="642"/>
        <source>Opened</source>
        <translation>新发现问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="643"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="644"/>
        <source>On time</source>
        <translation>按期整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="646"/>
        <source>Closure rate</source>
        <translation>整改率</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="652"/>
        <source>Median days</source>
        <translation>整改用时中位数（天）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="661"/>
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="662"/>
        <source>Repeats</source>
        <translation>屡查屡犯</translation>
    </message>
</context>
<context>
    <name>RightsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="386"/>
        <source>%1: no scored item applies</source>
        <translation>%1：没有适用的计分检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="388"/>
        <source>%1: %2 of %3 points</source>
        <translation>%1：得 %2 分，满分 %3 分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="409"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="410"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="411"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="416"/>
        <source>Finalized</source>
        <translation>定稿日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="421"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>VetoModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="186"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="190"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="191"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="192"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="194"/>
        <source>Veto items</source>
        <translation>否决项目</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="199"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="201"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
</context>
</TS>
