<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="201"/>
        <source>open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="202"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="203"/>
        <source>closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="206"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="207"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="208"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="213"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="216"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="221"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="225"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="226"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="228"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="232"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="234"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>HqDashboard</name>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="129"/>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="130"/>
        <source>Last 90 days</source>
        <translation>最近90天</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="131"/>
        <source>Last 12 months</source>
        <translation>最近12个月</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="132"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="133"/>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="150"/>
        <source>All modes</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="151"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="152"/>
        <source>Mystery shopper</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="156"/>
        <source>Include drafts</source>
        <translation>包含草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="159"/>
        <source>Count draft (not finalized) inspections too; they are marked as drafts. Half-answered drafts can move a branch in the league.</source>
        <translation>同时统计草稿（未定稿）检查，并标注为草稿。未完成的草稿可能改变网点排名。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="164"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="172"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="173"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="174"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="175"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="195"/>
        <source>Double-click a branch to list its inspections</source>
        <translation>双击网点可查看其全部检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="204"/>
        <source>Area scores, latest inspection per branch and area</source>
        <translation>各区域得分（每个网点各区域最近一次检查）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="219"/>
        <source>Items failed most often</source>
        <translation>最常见问题项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="220"/>
        <source>Veto failures</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="230"/>
        <source>Rectification per branch</source>
        <translation>各网点整改情况</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="231"/>
        <source>Open and overdue findings</source>
        <translation>未整改与逾期问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="238"/>
        <source>Photos to review: the same image in other inspections, or a capture time outside the visit (device clocks can be wrong)</source>
        <translation>需复核的照片：同一照片出现在其他检查中，或拍摄时间不在检查时段内（设备时钟可能有误）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="248"/>
        <source>Branches</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="249"/>
        <source>Items and vetoes</source>
        <translation>问题项与否决项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="250"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="251"/>
        <source>Rectification</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="252"/>
        <source>Evidence integrity</source>
        <translation>证据完整性</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="253"/>
        <source>Consumer rights</source>
        <translation>八项权利</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="254"/>
        <source>Mystery shopping</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="286"/>
        <source>Eight consumer rights</source>
        <translation>金融消费者八项权利</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="287"/>
        <source>Evaluation elements</source>
        <translation>监管评价要素</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="294"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="299"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="579"/>
        <source>All waves</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="313"/>
        <source>Per scenario: average total and each section&apos;s average percent</source>
        <translation>按场景：平均总分及各部分平均得分率</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="317"/>
        <source>Visits</source>
        <translation>各次暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="321"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="351"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="492"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="352"/>
        <source>All checklists</source>
        <translation>全部检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="369"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="401"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="419"/>
        <source>Could not load the HQ views: %1</source>
        <translation>无法加载总行视图：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="453"/>
        <source>No section scores in this selection</source>
        <translation>所选范围内没有分项得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="477"/>
        <source>%1: failed %2 times in %3 branches</source>
        <translation>%1：在 %3 个网点不符合 %2 次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="484"/>
        <source>No failed items in this selection</source>
        <translation>所选范围内没有不符合项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="494"/>
        <source>No scores in this selection</source>
        <translation>所选范围内没有得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="506"/>
        <source>%1 inspections · %2 branches · average %3 · %4 veto failures · %5 open findings, %6 overdue · %7 photos to review</source>
        <translation>检查 %1 次 · 网点 %2 个 · 平均分 %3 · 一票否决 %4 次 · 整改中 %5 项 · 逾期 %6 项 · 待复核照片 %7 张</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="517"/>
        <source>League: %1</source>
        <translation>排名范围：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="521"/>
        <source>%1 branches not ranked (no such inspection; listed last)</source>
        <translation>%1 个网点未参与排名（本期无此类检查，列于末尾）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="524"/>
        <source>includes %1 draft(s), marked [draft]</source>
        <translation>含 %1 份草稿，标注为 [草稿]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="530"/>
        <source>Updated %1 · %2</source>
        <translation>更新于 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="535"/>
        <source>⚠ marks branches with inspections from untrusted devices</source>
        <translation>⚠ 表示该网点有来自未受信任设备的检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="565"/>
        <source>%1: each branch&apos;s latest finalized inspection; percent of the points possible for each right (items not applicable left out). Period and drafts do not apply here.</source>
        <translation>%1：每个网点最近一次已定稿的检查；各项权利的得分率＝得分÷可得分（不适用的检查项不计入）。期间和草稿筛选不适用于本页。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="571"/>
        <source>No finalized inspection of “%1” in this selection.</source>
        <translation>所选范围内没有“%1”的已定稿检查。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="593"/>
        <source>Finalized mystery-shopper visits. Sections are compared like with like: a section&apos;s average counts only the visits where it applied; totals compare within one scenario or one wave. Period, checklist and mode do not apply here.</source>
        <translation>已定稿的神秘客暗访。各部分同口径比较：某部分的平均分只计入适用该部分的暗访；总分只在同一场景或同一批次内可比。期间、检查表和方式筛选不适用于本页。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="598"/>
        <source>all regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="601"/>
        <source>No finalized mystery-shopper visits of wave “%1” in %2.</source>
        <translation>%2没有批次“%1”的已定稿神秘客暗访。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="606"/>
        <source>No finalized mystery-shopper visits in %1.</source>
        <translation>%1没有已定稿的神秘客暗访。</translation>
    </message>
</context>
<context>
    <name>IntegrityModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="251"/>
        <source>same photo elsewhere</source>
        <translation>照片重复使用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="252"/>
        <source>taken outside the visit</source>
        <translation>拍摄时间不在检查时段</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="255"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="256"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="257"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="259"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="263"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="265"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>LeagueModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="75"/>
        <source>Rank</source>
        <extracomment>The role a view&apos;s sort proxy sorts by: the raw value, numbers as numbers.</extracomment>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="80"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="82"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="86"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="90"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="92"/>
        <source>Latest</source>
        <translation>最近得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="101"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="106"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="117"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="123"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="130"/>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="136"/>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="139"/>
        <source>Vetoes</source>
        <translation>否决项</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector/ui/hq/models.py" line="148"/>
        <source>%n inspection(s) from devices HQ does not trust</source>
        <translation>
            <numerusform>%n 次检查来自总行未信任的设备</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MysteryScenarioModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="407"/>
        <source>(no scenario)</source>
        <translation>（未选场景）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="413"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="418"/>
        <source>Visits</source>
        <translation>暗访次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="420"/>
        <source>Average total</source>
        <translation>平均总分</translation>
    </message>
</context>
<context>
    <name>MysteryVisitModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="451"/>
        <source>(no scenario)</source>
        <translation>（未选场景）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="457"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="457"/>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="461"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="462"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="463"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="464"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="466"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="472"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="478"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="480"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="497"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="504"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>RectificationModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="183"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="184"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="185"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="186"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="187"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
</context>
<context>
    <name>RightsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="319"/>
        <source>%1: no scored item applies</source>
        <translation>%1：没有适用的计分检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="321"/>
        <source>%1: %2 of %3 points</source>
        <translation>%1：得 %2 分，满分 %3 分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="342"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="343"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="344"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="349"/>
        <source>Finalized</source>
        <translation>定稿日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="354"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>VetoModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="158"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="162"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="163"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="164"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="166"/>
        <source>Veto items</source>
        <translation>否决项目</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="171"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="172"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
</context>
</TS>
