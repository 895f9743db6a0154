<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="213"/>
        <source>open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="214"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="215"/>
        <source>closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="217"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="217"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="217"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="221"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="224"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="229"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="233"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="234"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="236"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="240"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="242"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>HqDashboard</name>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="121"/>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="122"/>
        <source>Last 90 days</source>
        <translation>最近90天</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="123"/>
        <source>Last 12 months</source>
        <translation>最近12个月</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="124"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="125"/>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="142"/>
        <source>All modes</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="143"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="144"/>
        <source>Mystery shopper</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="148"/>
        <source>Include drafts</source>
        <translation>包含草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="151"/>
        <source>Count draft (not finalized) inspections too; they are marked as drafts. Half-answered drafts can move a branch in the league.</source>
        <translation>同时统计草稿（未定稿）检查，并标注为草稿。未完成的草稿可能改变网点排名。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="156"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="164"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="165"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="166"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="167"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="187"/>
        <source>Double-click a branch to list its inspections</source>
        <translation>双击网点可查看其全部检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="196"/>
        <source>Area scores, latest inspection per branch and area</source>
        <translation>各区域得分（每个网点各区域最近一次检查）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="211"/>
        <source>Items failed most often</source>
        <translation>最常见问题项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="212"/>
        <source>Veto failures</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="222"/>
        <source>Rectification per branch</source>
        <translation>各网点整改情况</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="223"/>
        <source>Open and overdue findings</source>
        <translation>未整改与逾期问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="230"/>
        <source>Photos to review: the same image in other inspections, or a capture time outside the visit (device clocks can be wrong)</source>
        <translation>需复核的照片：同一照片出现在其他检查中，或拍摄时间不在检查时段内（设备时钟可能有误）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="237"/>
        <source>Branches</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="238"/>
        <source>Items and vetoes</source>
        <translation>问题项与否决项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="239"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="240"/>
        <source>Rectification</source>
        <translation>整改跟踪</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="241"/>
        <source>Evidence integrity</source>
        <translation>证据完整性</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="263"/>
        <location filename="../../inspector/ui/hq/dashboard.py" line="397"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="264"/>
        <source>All checklists</source>
        <translation>全部检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="280"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="312"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="326"/>
        <source>Could not load the HQ views: %1</source>
        <translation>无法加载总行视图：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="360"/>
        <source>No section scores in this selection</source>
        <translation>所选范围内没有分项得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="382"/>
        <source>%1: failed %2 times in %3 branches</source>
        <translation>%1：在 %3 个网点不合格 %2 次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="389"/>
        <source>No failed items in this selection</source>
        <translation>所选范围内没有不合格项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="399"/>
        <source>No scores in this selection</source>
        <translation>所选范围内没有得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="411"/>
        <source>%1 inspections · %2 branches · average %3 · %4 veto failures · %5 open findings, %6 overdue · %7 photos to review</source>
        <translation>检查 %1 次 · 网点 %2 个 · 平均分 %3 · 一票否决 %4 次 · 整改中 %5 项 · 逾期 %6 项 · 待复核照片 %7 张</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="422"/>
        <source>League: %1</source>
        <translation>排名范围：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="426"/>
        <source>%1 branches not ranked (no such inspection; listed last)</source>
        <translation>%1 个网点未参与排名（本期无此类检查，列于末尾）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="429"/>
        <source>includes %1 draft(s), marked [draft]</source>
        <translation>含 %1 份草稿，标注为 [草稿]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="435"/>
        <source>Updated %1 · %2</source>
        <translation>更新于 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/dashboard.py" line="440"/>
        <source>⚠ marks branches with inspections from untrusted devices</source>
        <translation>⚠ 表示该网点有来自未受信任设备的检查</translation>
    </message>
</context>
<context>
    <name>IntegrityModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="259"/>
        <source>same photo elsewhere</source>
        <translation>照片重复使用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="260"/>
        <source>taken outside the visit</source>
        <translation>拍摄时间不在检查时段</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="263"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="264"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="265"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="267"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="271"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="273"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
</context>
<context>
    <name>LeagueModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="105"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="109"/>
        <source>Code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="111"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="115"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="119"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="120"/>
        <source>Latest</source>
        <translation>最近得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="122"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="127"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="131"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="133"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="139"/>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="140"/>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="142"/>
        <source>Vetoes</source>
        <translation>否决项</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector/ui/hq/models.py" line="156"/>
        <source>%n inspection(s) from devices HQ does not trust</source>
        <translation>
            <numerusform>%n 次检查来自总行未信任的设备</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RectificationModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="195"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="196"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="197"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="198"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="199"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
</context>
<context>
    <name>VetoModel</name>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="168"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="172"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="173"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="174"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="176"/>
        <source>Veto items</source>
        <translation>否决项目</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="181"/>
        <source>Inspection</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/hq/models.py" line="182"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
</context>
</TS>
