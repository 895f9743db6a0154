<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="559"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="565"/>
        <source>In region</source>
        <translation>区域排名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="570"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="571"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="572"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="574"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="203"/>
        <source>open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="204"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="205"/>
        <source>closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="208"/>
        <location filename="../../inspector/ui/hq/models.py" line="264"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="209"/>
        <location filename="../../inspector/ui/hq/models.py" line="265"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="210"/>
        <location filename="../../inspector/ui/hq/models.py" line="266"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="215"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="218"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="223"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="227"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="228"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="230"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="235"/>
        <source>Repeat</source>
        <translation>屡查屡犯</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="237"/>
        <source>Repeat (%1 earlier)</source>
        <translation>屡查屡犯（前 %1 次）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="243"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="245"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="260"/>
        <source>An earlier finalized inspection (%1) failed this item; severity raised one level.</source>
        <translation>此前已定稿的检查（%1）该项也不合格；严重程度已上调一级。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="268"/>
        <source>The inspector&apos;s laptop recorded: %1.</source>
        <translation>检查端记录为：%1。</translation>
    </message>
</context>
<context>
    <name>HqDashboard</name>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="132"/>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="133"/>
        <source>Last 90 days</source>
        <translation>最近90天</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="134"/>
        <source>Last 12 months</source>
        <translation>最近12个月</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="135"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="136"/>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="153"/>
        <source>All modes</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="154"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="155"/>
        <source>Mystery shopper</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="159"/>
        <source>Include drafts</source>
        <translation>包含草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="162"/>
        <source>Count draft (not finalized) inspections too; they are marked as drafts. Half-answered drafts can move a branch in the league.</source>
        <translation>同时统计草稿（未定稿）检查，并标注为草稿。未完成的草稿可能改变网点排名。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="167"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="175"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="176"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="177"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="178"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="198"/>
        <source>Double-click a branch to list its inspections</source>
        <translation>双击网点可查看其全部检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="207"/>
        <source>Area scores, latest inspection per branch and area</source>
        <translation>各区域得分（每个网点各区域最近一次检查）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="222"/>
        <source>Items failed most often</source>
        <translation>最常见问题项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="223"/>
        <source>Veto failures</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="233"/>
        <source>Rectification per branch</source>
        <translation>各网点整改情况</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="234"/>
        <source>Open and overdue findings</source>
        <translation>未整改与逾期问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="241"/>
        <source>Photos to review: the same image in other inspections, or a capture time outside the visit (device clocks can be wrong)</source>
        <translation>需复核的照片：同一照片出现在其他检查中，或拍摄时间不在检查时段内（设备时钟可能有误）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="252"/>
        <source>Branches</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="253"/>
        <source>Items and vetoes</source>
        <translation>问题项与否决项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="254"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="255"/>
        <source>Rectification</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="256"/>
        <source>Evidence integrity</source>
        <translation>证据完整性</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="257"/>
        <source>Consumer rights</source>
        <translation>八项权利</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="258"/>
        <source>Mystery shopping</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="259"/>
        <source>Branch assessment</source>
        <translation>消保考核</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="291"/>
        <source>Eight consumer rights</source>
        <translation>金融消费者八项权利</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="292"/>
        <source>Evaluation elements</source>
        <translation>监管评价要素</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="299"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="306"/>
        <source>Click a branch to see where its points came from</source>
        <translation>点击网点查看各项得分来源</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="323"/>
        <source>Where the points came from</source>
        <translation>得分来源</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="328"/>
        <source>Rectification per branch and region</source>
        <translation>各网点、各区域整改情况</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="354"/>
        <source>Not assessed: no finalized inspection or visit in the period.</source>
        <translation>不参与考核：期间内无已定稿的检查或暗访。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="357"/>
        <source>Score %1 · rank %2 in the bank, %3 in %4</source>
        <translation>得分 %1 · 全行第 %2 名，%4第 %3 名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="378"/>
        <source>%1 · period: %2 · region and period from the filter above; other filters do not apply.</source>
        <translation>%1 · 期间：%2 · 区域和期间取自上方筛选，其他筛选不适用。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="384"/>
        <source>Click a branch to see where its points came from.</source>
        <translation>点击网点查看各项得分来源。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="391"/>
        <source>Overdue as of %1; repeats as HQ evaluates them over all its data.</source>
        <translation>逾期按 %1 计；屡查屡犯按总行对全部数据的判定。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="397"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="678"/>
        <source>All waves</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="411"/>
        <source>Per scenario: average total and each section&apos;s average percent</source>
        <translation>按场景：平均总分及各部分平均得分率</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="415"/>
        <source>Visits</source>
        <translation>各次暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="419"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="449"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="591"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="450"/>
        <source>All checklists</source>
        <translation>全部检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="467"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="499"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="517"/>
        <source>Could not load the HQ views: %1</source>
        <translation>无法加载总行视图：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="551"/>
        <source>No section scores in this selection</source>
        <translation>所选范围内没有分项得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="576"/>
        <source>%1: failed %2 times in %3 branches</source>
        <translation>%1：在 %3 个网点不合格 %2 次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="583"/>
        <source>No failed items in this selection</source>
        <translation>所选范围内没有不合格项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="593"/>
        <source>No scores in this selection</source>
        <translation>所选范围内没有得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="605"/>
        <source>%1 inspections · %2 branches · average %3 · %4 veto failures · %5 open findings, %6 overdue · %7 photos to review</source>
        <translation>检查 %1 次 · 网点 %2 个 · 平均分 %3 · 一票否决 %4 次 · 整改中 %5 项 · 逾期 %6 项 · 待复核照片 %7 张</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="616"/>
        <source>League: %1</source>
        <translation>排名范围：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="620"/>
        <source>%1 branches not ranked (no such inspection; listed last)</source>
        <translation>%1 个网点未参与排名（本期无此类检查，列于末尾）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="623"/>
        <source>includes %1 draft(s), marked [draft]</source>
        <translation>含 %1 份草稿，标注为 [草稿]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="629"/>
        <source>Updated %1 · %2</source>
        <translation>更新于 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="634"/>
        <source>⚠ marks branches with inspections from untrusted devices</source>
        <translation>⚠ 表示该网点有来自未受信任设备的检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="664"/>
        <source>%1: each branch&apos;s latest finalized inspection; percent of the points possible for each right (items not applicable left out). Period and drafts do not apply here.</source>
        <translation>%1：每个网点最近一次已定稿的检查；各项权利的得分率＝得分÷可得分（不适用的检查项不计入）。期间和草稿筛选不适用于本页。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="670"/>
        <source>No finalized inspection of “%1” in this selection.</source>
        <translation>所选范围内没有“%1”的已定稿检查。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="692"/>
        <source>Finalized mystery-shopper visits. Sections are compared like with like: a section&apos;s average counts only the visits where it applied; totals compare within one scenario or one wave. Period, checklist and mode do not apply here.</source>
        <translation>已定稿的神秘客暗访。各部分同口径比较：某部分的平均分只计入适用该部分的暗访；总分只在同一场景或同一批次内可比。期间、检查表和方式筛选不适用于本页。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="697"/>
        <source>all regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="700"/>
        <source>No finalized mystery-shopper visits of wave “%1” in %2.</source>
        <translation>%2没有批次“%1”的已定稿神秘客暗访。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="705"/>
        <source>No finalized mystery-shopper visits in %1.</source>
        <translation>%1没有已定稿的神秘客暗访。</translation>
    </message>
</context>
<context>
    <name>IntegrityModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="280"/>
        <source>same photo elsewhere</source>
        <translation>照片重复使用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="281"/>
        <source>taken outside the visit</source>
        <translation>拍摄时间不在检查时段</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="284"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="285"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="286"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="288"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="292"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="294"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>LeagueModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="77"/>
        <source>Rank</source>
        <extracomment>The role a view&apos;s sort proxy sorts by: the raw value, numbers as numbers.</extracomment>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="82"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="84"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="88"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="92"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="94"/>
        <source>Latest</source>
        <translation>最近得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="103"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="108"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="119"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="125"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="132"/>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="138"/>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="141"/>
        <source>Vetoes</source>
        <translation>否决项</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector/ui/hq/models.py" line="150"/>
        <source>%n inspection(s) from devices HQ does not trust</source>
        <translation>
            <numerusform>%n 次检查来自总行未信任的设备</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MysteryScenarioModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="436"/>
        <source>(no scenario)</source>
        <translation>（未选场景）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="442"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="447"/>
        <source>Visits</source>
        <translation>暗访次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="449"/>
        <source>Average total</source>
        <translation>平均总分</translation>
    </message>
</context>
<context>
    <name>MysteryVisitModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="480"/>
        <source>(no scenario)</source>
        <translation>（未选场景）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="486"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="486"/>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="490"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="491"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="492"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="493"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="495"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="501"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="507"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="509"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="526"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="533"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>RectificationModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="185"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="186"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="187"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="188"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="189"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
</context>
<context>
    <name>RectifyModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="599"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="603"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="604"/>
        <source>Opened</source>
        <translation>新发现问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="605"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="606"/>
        <source>On time</source>
        <translation>按期整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="608"/>
        <source>Closure rate</source>
        <translation>整改率</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="614"/>
        <source>Median days</source>
        <translation>整改用时中位数（天）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="625"/>
        <source>Overdue now</source>
        <translation>当前逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="626"/>
        <source>Repeats</source>
        <translation>屡查屡犯</translation>
    </message>
</context>
<context>
    <name>RightsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="348"/>
        <source>%1: no scored item applies</source>
        <translation>%1：没有适用的计分检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="350"/>
        <source>%1: %2 of %3 points</source>
        <translation>%1：得 %2 分，满分 %3 分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="371"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="372"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="373"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="378"/>
        <source>Finalized</source>
        <translation>定稿日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="383"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>VetoModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="160"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="164"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="165"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="166"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="168"/>
        <source>Veto items</source>
        <translation>否决项目</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="173"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="174"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
</context>
</TS>
