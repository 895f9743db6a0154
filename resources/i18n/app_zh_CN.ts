<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnswerPanel</name>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="101"/>
        <location filename="../../inspector/ui/runner/answers.py" line="191"/>
        <source>Pass  [1]</source>
        <translation>符合  [1]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="102"/>
        <location filename="../../inspector/ui/runner/answers.py" line="192"/>
        <source>Fail  [2]</source>
        <translation>不符合  [2]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="103"/>
        <location filename="../../inspector/ui/runner/answers.py" line="193"/>
        <source>N/A  [3]</source>
        <translation>不适用  [3]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="191"/>
        <source>Pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="192"/>
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="193"/>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="197"/>
        <source>The value decides pass or fail; the buttons record your own judgement, which then counts instead.</source>
        <translation>由数值判定是否符合；按钮记录您本人的判断，按下后以您的判断为准。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="201"/>
        <source>Esc leaves the field (then keys 1/2/3 judge).</source>
        <translation>按 Esc 离开输入框（之后按 1/2/3 判断）。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="230"/>
        <source>This checklist does not allow N/A for this item.</source>
        <translation>本检查表不允许此项选择“不适用”。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="262"/>
        <source>Score on the scale {0}–{1} (keys {0}–{1})</source>
        <translation>按 {0}–{1} 分评分（按键 {0}–{1}）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="266"/>
        <source>Score on the scale {0}–{1}</source>
        <translation>按 {0}–{1} 分打分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="276"/>
        <source>at least {0}</source>
        <translation>至少 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="278"/>
        <source>at most {0}</source>
        <translation>至多 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="279"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="287"/>
        <source>number</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="303"/>
        <source>Measurement in {0}; passes when {1}</source>
        <translation>测量值（{0}），符合条件：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="350"/>
        <source>Choose one</source>
        <translation>请选择一项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="447"/>
        <source>pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="447"/>
        <source>fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="450"/>
        <source>Your judgement ({0}) and the value ({1}) disagree: your judgement counts. Both are recorded; type the value again to let it decide.</source>
        <translation>您的判断（{0}）与数值（{1}）不一致：以您的判断为准。两者均已记录；重新输入数值即由数值判定。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="501"/>
        <source>✓ within the required range</source>
        <translation>✓ 在要求范围内</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="501"/>
        <source>✗ outside the range</source>
        <translation>✗ 超出要求范围</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="513"/>
        <source>{0} / {1} characters</source>
        <translation>{0} / {1} 字</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="517"/>
        <source>{0} characters</source>
        <translation>{0} 字</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="533"/>
        <source>This item cannot be answered N/A.</source>
        <translation>此项不能选择“不适用”。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="529"/>
        <source>This item applies in the scenario played and cannot be answered N/A: answer Pass or Fail.</source>
        <translation>本项在所演情景中适用，不能选择“不适用”：请选择“符合”或“不符合”。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/answers.py" line="226"/>
        <source>The scenario played decides whether this item applies: it applies in this scenario, so answer Pass or Fail.</source>
        <translation>本项是否适用由所演情景决定：本情景中适用，请选择“符合”或“不符合”。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../inspector/app.py" line="175"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../inspector/ui/errors.py" line="52"/>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/errors.py" line="55"/>
        <location filename="../../inspector/ui/workers.py" line="54"/>
        <source>in use</source>
        <translation>当前使用的</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/errors.py" line="57"/>
        <source>Database problem</source>
        <translation>数据库问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/errors.py" line="58"/>
        <source>Something went wrong: {0}

Your work up to the last change is saved. The details are in the log file:
{1}</source>
        <translation>出现错误：{0}

截至最后一次修改的内容均已保存。详细信息见日志文件：
{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/errors.py" line="63"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>FinalizePanel</name>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="90"/>
        <source>Click a line to go straight to it.</source>
        <translation>点击任一行即可直接跳转处理。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="95"/>
        <source>Branch manager&apos;s name</source>
        <translation>网点负责人姓名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="108"/>
        <source>Mystery-shopper visit: nobody at the branch signs it (the visit is covert). Only the inspector signs off.</source>
        <translation>神秘客暗访：网点人员不签字（暗访不公开身份），仅由检查人签署。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="115"/>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="117"/>
        <source>Finalize and sign off</source>
        <translation>定稿并签署</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="127"/>
        <source>Inspector</source>
        <translation>检查人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="128"/>
        <source>Branch manager (acknowledges)</source>
        <translation>网点负责人（确认）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="129"/>
        <source>Manager&apos;s signature (optional)</source>
        <translation>负责人签名（可选）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="135"/>
        <source>Sign-off</source>
        <translation>签署确认</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="147"/>
        <source>Amend (new revision)…</source>
        <translation>修订（生成新版本）…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="150"/>
        <source>Report (PDF)…  [Ctrl+P]</source>
        <translation>报告（PDF）…  [Ctrl+P]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="153"/>
        <source>Export package…  [Ctrl+E]</source>
        <translation>导出数据包…  [Ctrl+E]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="155"/>
        <source>Start a re-check…</source>
        <translation>发起复查…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="225"/>
        <source>{0} thing(s) to do before sign-off</source>
        <translation>定稿前还有 {0} 项待处理</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="227"/>
        <source>Everything required is done. Ready to sign off.</source>
        <translation>必填内容均已完成，可以签署确认。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="247"/>
        <source>A new inspection of this branch with the same checklist; finalizing it closes every open finding it finds passed.</source>
        <translation>新建一份同一网点、同一检查表的检查；定稿时，复查通过的未关闭问题将自动关闭。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="251"/>
        <source>No open finding to re-check.</source>
        <translation>没有未关闭的问题需要复查。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="254"/>
        <source>Finalized by {0}; read-only. Amending creates revision {1}.</source>
        <translation>已由{0}定稿，只读。修订将生成第 {1} 版。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="258"/>
        <source>Acknowledged by {0}.</source>
        <translation>已由{0}确认。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="289"/>
        <source>Score and grade: hidden in this mode until sign-off</source>
        <translation>得分与等级：此模式下签署前不显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="292"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="292"/>
        <source>NOT passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="294"/>
        <source>Score {0} · grade {1} · {2}</source>
        <translation>得分 {0} · 等级 {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="299"/>
        <source>; </source>
        <comment>between the names of a list</comment>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="302"/>
        <source>Red-line failures ({0}): {1}</source>
        <translation>红线不符合（{0} 项）：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="304"/>
        <source>Red-line failures: none</source>
        <translation>红线不符合：无</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="310"/>
        <source>Open findings ({0}): {1}</source>
        <translation>未整改问题（{0} 项）：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="313"/>
        <source>Open findings: none</source>
        <translation>未整改问题：无</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="321"/>
        <source>What is signed</source>
        <translation>已签署的内容</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="321"/>
        <source>What you sign</source>
        <translation>您将签署的内容</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="350"/>
        <location filename="../../inspector/ui/finalize.py" line="360"/>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="350"/>
        <source>Enter the inspector&apos;s name.</source>
        <translation>请填写检查人姓名。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="355"/>
        <source>Finalize this inspection? It becomes read-only; later changes need an amendment with a reason.</source>
        <translation>确定定稿？定稿后只读，之后的修改须填写原因并生成修订版本。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="374"/>
        <source>Amend</source>
        <translation>修订</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/finalize.py" line="374"/>
        <source>Why does this inspection need a new revision?</source>
        <translation>为什么需要修订这份检查？</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../inspector/ui/findings.py" line="61"/>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="69"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="75"/>
        <source>Rectification action</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="76"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="78"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="85"/>
        <source>High (fix now)</source>
        <translation>高（立行立改）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="86"/>
        <source>Medium (fix by deadline)</source>
        <translation>中（限期整改）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="87"/>
        <source>Low (improve)</source>
        <translation>低（持续改进）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="102"/>
        <source>[Repeat] %1</source>
        <translation>【屡查屡犯】%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="110"/>
        <source>Repeat finding: the previous inspection on %1 (%2) found the same; severity raised one level.</source>
        <translation>屡查屡犯：上次检查（%1，%2）发现了同一问题；严重程度已提高一级。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../inspector/ui/findings.py" line="158"/>
        <source>No findings: every answered item passes.</source>
        <translation>暂无问题：已作答项目均符合。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="169"/>
        <source>What the branch must do</source>
        <translation>网点需采取的整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="171"/>
        <source>Who is responsible</source>
        <translation>整改责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="202"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="203"/>
        <source>Action</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="204"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="205"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="207"/>
        <source>Re-check this finding…</source>
        <translation>复查此问题…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="220"/>
        <source>Every failed item is a finding. Deadlines default by severity; double-click a row to open its item.</source>
        <translation>每个不符合项都是一条问题。整改期限按严重程度默认生成；双击一行可打开对应检查项。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="325"/>
        <source>Start a new inspection of this branch that re-checks this item; finalizing it closes the finding when the item passes.</source>
        <translation>新建一份复查本网点的检查并定位到此检查项；定稿时该项通过即关闭此问题。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="329"/>
        <source>This finding is closed.</source>
        <translation>此问题已关闭。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="350"/>
        <source>pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="351"/>
        <source>fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="352"/>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="354"/>
        <source>Inspector&apos;s judgement: {0}</source>
        <translation>检查人判断：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="359"/>
        <source>value: {0}</source>
        <translation>数值：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="361"/>
        <source>the judgement counts</source>
        <translation>以判断为准</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../inspector/ui/home.py" line="76"/>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="80"/>
        <source>+ New inspection</source>
        <translation>+ 新建检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="89"/>
        <source>HQ view</source>
        <translation>总行视图</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="96"/>
        <source>Search branch, checklist, inspector, grade…</source>
        <translation>搜索网点、检查表、检查人、等级…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="104"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="105"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="106"/>
        <source>Finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="115"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="117"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="141"/>
        <source>No inspections yet. Start one with “+ New inspection”.</source>
        <translation>还没有检查记录。点击“+ 新建检查”开始。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="145"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="147"/>
        <source>Duplicate as new</source>
        <translation>复制为新检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="148"/>
        <source>Delete draft…</source>
        <translation>删除草稿…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="179"/>
        <source>any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="200"/>
        <source>All branches</source>
        <translation>全部网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="215"/>
        <source>{0} of {1} shown</source>
        <translation>显示 {0} / {1} 条</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="218"/>
        <source>the newest {0} of {1}; choose a branch, or use the HQ view for all</source>
        <translation>仅列出最近 {0} 条（共 {1} 条）；请选择网点，或在总行视图中查看全部</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="244"/>
        <source>Finalized inspections cannot be deleted; amend them instead.</source>
        <translation>已定稿的检查不能删除，请改为修订。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="266"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="280"/>
        <location filename="../../inspector/ui/home.py" line="293"/>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/home.py" line="282"/>
        <source>Delete the draft inspection of {0} {1} ({2})? Its answers and photos are removed.</source>
        <translation>删除 {0} {1}（{2}）的草稿检查？其作答和照片将一并删除。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="287"/>
        <source>Import packages</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="291"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="292"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="293"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="297"/>
        <source>Only accept packages signed by trusted devices</source>
        <translation>只接受受信任设备签名的数据包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="298"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="301"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="354"/>
        <source>Packages</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="357"/>
        <source>Inspection packages (*{0});;All files (*)</source>
        <translation>检查数据包 (*{0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="367"/>
        <source>Folder of packages</source>
        <translation>数据包所在文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="379"/>
        <source>Add files or a folder.</source>
        <translation>请添加文件或文件夹。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="403"/>
        <source>Reading packages…</source>
        <translation>正在读取数据包…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="409"/>
        <source>{0} of {1} packages</source>
        <translation>{0} / {1} 个数据包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="433"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="448"/>
        <source>Import cancelled; packages read before it are kept.</source>
        <translation>导入已取消；此前已读取的数据包保留。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="423"/>
        <source>Read {0} · imported {1} · updated {2} · duplicates {3} · conflicts {4} · rejected {5}</source>
        <translation>共读取 {0} 个：导入 {1}，更新 {2}，重复 {3}，冲突 {4}，拒绝 {5}</translation>
    </message>
</context>
<context>
    <name>InspectionTableModel</name>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="126"/>
        <source>Signed by {0}; owner {1}</source>
        <translation>签名设备 {0}；所属设备 {1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="36"/>
        <source>Mystery shopper</source>
        <translation>神秘客</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="38"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="54"/>
        <source>Finalized</source>
        <translation>已定稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="56"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="74"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="79"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="83"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="88"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="92"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="103"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="109"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="139"/>
        <source>hidden</source>
        <translation>不显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="45"/>
        <source>Pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="46"/>
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="47"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/models/inspections.py" line="123"/>
        <source>revision {0}</source>
        <translation>第 {0} 版</translation>
    </message>
</context>
<context>
    <name>ItemView</name>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="96"/>
        <source>Re-verified: confirm  [Ctrl+R]</source>
        <translation>已复核：确认  [Ctrl+R]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="104"/>
        <source>Note (what you saw, where, who you spoke to)</source>
        <translation>备注（看到了什么、在哪里、与谁交谈）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="128"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="152"/>
        <source>◀ Previous</source>
        <translation>◀ 上一项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="153"/>
        <source>Next ▶  [Enter]</source>
        <translation>下一项 ▶  [Enter]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="161"/>
        <location filename="../../inspector/ui/runner/item_view.py" line="233"/>
        <source>Summary  [Ctrl+3]</source>
        <translation>总体描述  [Ctrl+3]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="228"/>
        <source>Item {0} of {1}</source>
        <translation>第 {0} / {1} 项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="233"/>
        <source>Narrative  [Ctrl+3]</source>
        <translation>总体描述  [Ctrl+3]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="240"/>
        <source>Source: {0}</source>
        <translation>依据：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="270"/>
        <source>pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="271"/>
        <source>fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="272"/>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="278"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="278"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="286"/>
        <source>note: {0}</source>
        <translation>备注：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="289"/>
        <source>To re-verify: copied from inspection {0} — {1}. It counts as unanswered until you check it again and confirm it (or answer anew).</source>
        <translation>待复核：复制自检查 {0} — {1}。在您现场重新核实并确认（或重新作答）之前，按未作答计。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="310"/>
        <source>Typing…</source>
        <translation>正在输入…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="311"/>
        <source>✓ Kept safe while you type</source>
        <translation>✓ 输入内容已暂存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="312"/>
        <source>✓ Saved</source>
        <translation>✓ 已保存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="313"/>
        <source>✗ Not saved</source>
        <translation>✗ 未保存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="334"/>
        <source>photo required</source>
        <translation>必须拍照</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="335"/>
        <source>photo required when failed</source>
        <translation>不符合时须拍照</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="336"/>
        <source>photo optional</source>
        <translation>照片可选</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="337"/>
        <source>no photo needed</source>
        <translation>无需照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="339"/>
        <source>Evidence ({0}) · {1} photo(s)</source>
        <translation>照片证据（{0}）· 已有 {1} 张</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="358"/>
        <source>Veto (red line)</source>
        <translation>一票否决（红线）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="360"/>
        <source>Critical</source>
        <translation>关键项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="362"/>
        <source>Gate: failing zeroes the section</source>
        <translation>前提项：不符合则本部分计 0 分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="373"/>
        <source>Penalty −{0}</source>
        <translation>扣分 −{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="366"/>
        <source>Penalty −{0} each, at most −{1}</source>
        <translation>每次扣 {0} 分，最多扣 {1} 分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="355"/>
        <source>Why a red line: {0}</source>
        <translation>红线理由：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="375"/>
        <source>{0} pt</source>
        <translation>{0} 分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="377"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/item_view.py" line="379"/>
        <source>Photos may show personal data: redact</source>
        <translation>照片可能含个人信息：请打码</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../inspector/ui/workers.py" line="168"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="83"/>
        <source>Branch Inspector</source>
        <extracomment>The size the window opens at when the screen has room: a 1366x768 laptop&apos;s full width. Room for the title bar and frame the window manager adds (unknown before showing).</extracomment>
        <translation>网点消保检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="121"/>
        <source>Report saved: {0}</source>
        <translation>报告已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="124"/>
        <source>Package saved: {0}</source>
        <translation>数据包已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="175"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="177"/>
        <source>New inspection…</source>
        <translation>新建检查…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="179"/>
        <source>Inspections list</source>
        <translation>检查列表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="180"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="183"/>
        <source>Back up database…</source>
        <translation>备份数据库…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="185"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="186"/>
        <location filename="../../inspector/ui/main_window.py" line="402"/>
        <source>HQ view</source>
        <translation>总行视图</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="200"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="201"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="203"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="212"/>
        <source>&amp;Answer</source>
        <translation>作答(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="214"/>
        <source>Pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="217"/>
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="220"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="223"/>
        <source>Next item</source>
        <translation>下一项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="226"/>
        <source>Previous item</source>
        <translation>上一项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="229"/>
        <source>Findings</source>
        <translation>问题与整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="234"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="239"/>
        <source>Finalize…</source>
        <translation>定稿…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="244"/>
        <source>Paste photo as evidence</source>
        <translation>粘贴照片作为证据</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="255"/>
        <location filename="../../inspector/ui/main_window.py" line="562"/>
        <source>Next unanswered item</source>
        <translation>下一个未作答项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="258"/>
        <source>Next item needing a photo</source>
        <translation>下一个缺照片的项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="261"/>
        <source>Find an item…</source>
        <translation>查找检查项…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="264"/>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="266"/>
        <source>Summary</source>
        <translation>总体描述</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="268"/>
        <source>Branch manager&apos;s name</source>
        <translation>网点负责人姓名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="271"/>
        <source>Confirm the copied answer (re-verified)</source>
        <translation>确认复制的答案（已复核）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="315"/>
        <source>&amp;Inspection</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="316"/>
        <source>Report…</source>
        <translation>生成报告…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="317"/>
        <source>Export package…</source>
        <translation>导出数据包…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="318"/>
        <source>Amend (new revision)…</source>
        <translation>修订（生成新版本）…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="323"/>
        <source>Import packages (HQ)…</source>
        <translation>导入数据包（总行）…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="327"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="329"/>
        <location filename="../../inspector/ui/main_window.py" line="585"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="332"/>
        <source>Open the log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="333"/>
        <location filename="../../inspector/ui/main_window.py" line="609"/>
        <source>About Branch Inspector</source>
        <translation>关于网点检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="400"/>
        <source>◀ Inspections</source>
        <translation>◀ 检查列表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="418"/>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="500"/>
        <location filename="../../inspector/ui/main_window.py" line="509"/>
        <location filename="../../inspector/ui/main_window.py" line="519"/>
        <source>Back up database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="501"/>
        <source>This is a server database; back it up with the server&apos;s own tools.</source>
        <translation>这是服务器数据库，请使用服务器自带的工具备份（PostgreSQL：pg_dump）。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="511"/>
        <source>Database files (*.sqlite3)</source>
        <translation>数据库文件 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="520"/>
        <source>Writing the backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="523"/>
        <source>Backup written: {0}</source>
        <translation>备份已写入：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="557"/>
        <source>Pass / fail / N/A (on a scale item: the digits are the score)</source>
        <translation>符合 / 不符合 / 不适用（评分项：数字即分值）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="558"/>
        <source>Digits in a field</source>
        <translation>输入框中的数字</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="558"/>
        <source>Typed into the field, never an answer</source>
        <translation>输入到框内，绝不当作答案</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="559"/>
        <source>Leave the value field (then 1 / 2 / 3 judge)</source>
        <translation>离开数值输入框（之后 1 / 2 / 3 判断）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="560"/>
        <source>Next item (in a note: a new line)</source>
        <translation>下一项（在备注中：换行）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="561"/>
        <source>Previous / next item</source>
        <translation>上一项 / 下一项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="563"/>
        <source>Next item that still needs a photo</source>
        <translation>下一个仍缺照片的项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="564"/>
        <source>Find an item by text or id (Enter opens it, Esc clears)</source>
        <translation>按文字或编号查找检查项（Enter 打开，Esc 清除）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="565"/>
        <source>Add photos to the current item</source>
        <translation>为当前项添加照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="566"/>
        <source>Paste a photo as evidence (in a text field: paste text)</source>
        <translation>粘贴照片作为证据（在文本框中：粘贴文字）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="567"/>
        <source>Confirm a copied answer after re-verifying it</source>
        <translation>现场复核后确认复制的答案</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="568"/>
        <source>Undo / redo an answer</source>
        <translation>撤销 / 重做作答</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="569"/>
        <source>Checklist / findings</source>
        <translation>检查表 / 问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="570"/>
        <source>Summary (or the visit narrative)</source>
        <translation>总体描述（或暗访经过）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="571"/>
        <source>Finalize</source>
        <translation>签署</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="572"/>
        <source>Branch manager&apos;s name (sign-off)</source>
        <translation>网点负责人姓名（签署）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="573"/>
        <source>Report / export package</source>
        <translation>报告 / 导出数据包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="574"/>
        <source>New inspection / inspections list / HQ view</source>
        <translation>新建检查 / 检查列表 / 总行视图</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="575"/>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="590"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/main_window.py" line="610"/>
        <source>Branch Inspector {0}
Database: {1}
Log file: {2}</source>
        <translation>网点消保检查 {0}
数据库：{1}
日志文件：{2}</translation>
    </message>
</context>
<context>
    <name>NarrativeEditor</name>
    <message>
        <location filename="../../inspector/ui/summary.py" line="94"/>
        <source>Describe the visit in your own words: what happened, in order, and what staff said.</source>
        <translation>用自己的话描述到访经过：按顺序写明发生了什么、员工说了什么。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/summary.py" line="99"/>
        <source>Summarise the inspection: the main problems, good practice seen, and anything HQ should look at.</source>
        <translation>概述本次检查的总体情况：主要问题、良好做法和需要总行关注的事项。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/summary.py" line="140"/>
        <source>{0} / {1} characters</source>
        <translation>{0} / {1} 字</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/summary.py" line="142"/>
        <source>{0} characters</source>
        <translation>{0} 字</translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="54"/>
        <location filename="../../inspector/ui/new_inspection.py" line="130"/>
        <source>New inspection</source>
        <translation>新建检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="61"/>
        <source>Import branch list (CSV)…</source>
        <translation>导入网点名单（CSV）…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="64"/>
        <source>Branch code, e.g. 310001</source>
        <translation>网点代码，如 310001</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="66"/>
        <source>Branch name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="73"/>
        <source>Region (required)</source>
        <translation>所属区域（必填）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="75"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="93"/>
        <source>On-site inspection</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="94"/>
        <source>Mystery shopper visit</source>
        <translation>神秘客暗访</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="104"/>
        <source>Your name (remembered)</source>
        <translation>您的姓名（将被记住）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="112"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="114"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="116"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="117"/>
        <source>Inspector</source>
        <translation>检查人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="123"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="149"/>
        <source>+ Add a new branch…</source>
        <translation>+ 新增网点…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="174"/>
        <source>{0} checklist file(s) have problems and are not listed; see the log file.</source>
        <translation>{0} 个检查表文件有问题，未列出；详见日志文件。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="272"/>
        <location filename="../../inspector/ui/new_inspection.py" line="285"/>
        <location filename="../../inspector/ui/new_inspection.py" line="291"/>
        <source>Import branch list</source>
        <translation>导入网点名单</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="274"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="292"/>
        <source>{0} branch(es) added, {1} updated, {2} unchanged.</source>
        <translation>新增 {0} 个网点，更新 {1} 个，{2} 个无变化。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="303"/>
        <source>No checklist is available.</source>
        <translation>没有可用的检查表。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="306"/>
        <source>Enter your name.</source>
        <translation>请填写您的姓名。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="318"/>
        <source>Enter the new branch&apos;s code and name.</source>
        <translation>请填写新网点的代码和名称。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/new_inspection.py" line="325"/>
        <source>Enter the new branch&apos;s region: HQ compares branches by region.</source>
        <translation>请填写新网点的所属区域：总行按区域比较网点。</translation>
    </message>
</context>
<context>
    <name>ReceiptModel</name>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="206"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="210"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="211"/>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="212"/>
        <source>Rev.</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="226"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="214"/>
        <source>Signed by</source>
        <translation>签名设备</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="222"/>
        <source>Owner</source>
        <translation>所属设备</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="254"/>
        <source>Signed by {0}, which is not the owner {1}</source>
        <translation>由 {0} 签名，该设备不是所属设备 {1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="255"/>
        <source>Signed by {0}, the device that owns this inspection</source>
        <translation>由 {0} 签名，即本检查的所属设备</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="232"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="233"/>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="234"/>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="235"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="236"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="243"/>
        <source>{0}: already imported</source>
        <translation>{0}：已导入过</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="95"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="97"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="106"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="107"/>
        <source>Building the PDF report…</source>
        <translation>正在生成 PDF 报告…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="126"/>
        <location filename="../../inspector/ui/exchange.py" line="145"/>
        <source>Export package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="128"/>
        <source>Inspection packages (*{0})</source>
        <translation>检查数据包 (*{0})</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/exchange.py" line="146"/>
        <source>Writing the signed package…</source>
        <translation>正在写入签名数据包…</translation>
    </message>
</context>
<context>
    <name>ReportPreviewDialog</name>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="45"/>
        <source>Report preview — {0}</source>
        <translation>报告预览 — {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="49"/>
        <source>Rendering pages…</source>
        <translation>正在生成页面预览…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="59"/>
        <source>Open in PDF viewer</source>
        <translation>用 PDF 阅读器打开</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="61"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="113"/>
        <source>Page {0} of {1}</source>
        <translation>第 {0} 页 / 共 {1} 页</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="117"/>
        <source>Rendering page {0} of {1}…</source>
        <translation>正在生成第 {0} 页，共 {1} 页…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="127"/>
        <source>{0} pages · {1}</source>
        <translation>共 {0} 页 · {1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/report_preview.py" line="84"/>
        <location filename="../../inspector/ui/report_preview.py" line="108"/>
        <source>The preview failed: {0}</source>
        <translation>预览失败：{0}</translation>
    </message>
</context>
<context>
    <name>RunnerPage</name>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="100"/>
        <source>◀ Inspections</source>
        <translation>◀ 检查列表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="126"/>
        <source>Find an item (text or id)  [Ctrl+F]</source>
        <translation>查找检查项（文字或编号）  [Ctrl+F]</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="190"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="191"/>
        <location filename="../../inspector/ui/runner/page.py" line="727"/>
        <source>Findings</source>
        <translation>问题与整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="192"/>
        <source>Visit</source>
        <translation>到店记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="193"/>
        <location filename="../../inspector/ui/runner/typed.py" line="94"/>
        <source>Summary</source>
        <translation>总体描述</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="196"/>
        <location filename="../../inspector/ui/runner/page.py" line="732"/>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="69"/>
        <source>{0}: “{1}” ({2})</source>
        <translation>{0}：“{1}”（{2}）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="77"/>
        <source>Recorded what was typed before the app closed: {0}</source>
        <translation>已记入程序关闭前输入的内容：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="83"/>
        <source>Typed before the app closed, not recorded: {0}</source>
        <translation>程序关闭前输入、未能记入的内容：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="93"/>
        <source>Narrative</source>
        <translation>总体描述</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="96"/>
        <source>Branch manager</source>
        <translation>网点负责人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="99"/>
        <source>Ticket number</source>
        <translation>排队号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="100"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="101"/>
        <source>Customers waiting on arrival</source>
        <translation>到达时等候客户数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="108"/>
        <source>{0} (note)</source>
        <translation>{0}（备注）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/typed.py" line="110"/>
        <source>{0} (rectification)</source>
        <translation>{0}（整改措施）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="258"/>
        <source>“{0}”</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="308"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="367"/>
        <source>answer {0}: {1}</source>
        <translation>作答 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="370"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="391"/>
        <source>{0} is not on this item&apos;s scale</source>
        <translation>{0} 不在本项的评分范围内</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="403"/>
        <source>Re-verified {0}</source>
        <translation>已复核 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="468"/>
        <source>Inspection finalized</source>
        <translation>检查已定稿</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="477"/>
        <source>New revision created</source>
        <translation>已生成修订版本</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="494"/>
        <location filename="../../inspector/ui/runner/page.py" line="507"/>
        <source>Start a re-check</source>
        <translation>发起复查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="496"/>
        <source>Start a new inspection of {0} {1} that re-checks this one? When it is finalized, every open finding it finds passed is closed.</source>
        <translation>新建一份复查 {0} {1} 的检查？复查定稿时，其中通过的未关闭问题将自动关闭。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="511"/>
        <source>Re-check started</source>
        <translation>已发起复查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="589"/>
        <source>Every visible item is answered.</source>
        <translation>所有显示的检查项均已作答。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="604"/>
        <source>No item still needs a photo.</source>
        <translation>没有仍缺照片的检查项。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="654"/>
        <source>No item matches.</source>
        <translation>没有匹配的检查项。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="710"/>
        <source>copied from {0}</source>
        <translation>复制自 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="727"/>
        <source>Findings ({0})</source>
        <translation>问题与整改（{0}）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="732"/>
        <source>Finalize ({0} to do)</source>
        <translation>定稿（还有 {0} 项）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/page.py" line="716"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <location filename="../../inspector/ui/runner/score_panel.py" line="33"/>
        <source>Live score</source>
        <translation>实时得分</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/score_panel.py" line="49"/>
        <source>Scores are hidden in mystery-shopper mode: record what you observe; HQ sees the score.</source>
        <translation>神秘客模式下不显示得分：如实记录所见所闻，得分由总行查看。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/score_panel.py" line="98"/>
        <source>{0} of {1} items answered</source>
        <translation>已答 {0} / {1} 项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/score_panel.py" line="117"/>
        <source>RED LINE FAILED — grade capped</source>
        <translation>触犯红线 — 等级封顶</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/runner/score_panel.py" line="121"/>
        <source>Gate failed, section scored 0: {0}</source>
        <translation>前提项不符合，该部分计 0 分：{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../inspector/ui/settings.py" line="109"/>
        <location filename="../../inspector/ui/settings.py" line="195"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="119"/>
        <source>The window is rebuilt in the chosen language at once; nothing is lost.</source>
        <translation>窗口将立即以所选语言重建，已录入内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="124"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="125"/>
        <source>Inspector name</source>
        <translation>检查人姓名</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="142"/>
        <source>Reports (this database)</source>
        <translation>报告（本数据库）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="144"/>
        <source>Printed on every report, e.g. the bank&apos;s name</source>
        <translation>打印在每份报告上，如银行名称</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="145"/>
        <location filename="../../inspector/ui/settings.py" line="173"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="146"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="148"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="156"/>
        <source>Time zone of printed times: a name or an offset (+08:00)</source>
        <translation>报告与输出所用时区：时区名称或偏移量（+08:00）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="158"/>
        <source>Organisation</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="159"/>
        <source>Logo</source>
        <translation>机构标志</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="160"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="165"/>
        <source>Organisation logo</source>
        <translation>机构标志</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/settings.py" line="165"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../inspector/ui/signature.py" line="83"/>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../inspector/ui/summary.py" line="164"/>
        <source>Summary of the inspection</source>
        <translation>总体描述</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/summary.py" line="166"/>
        <source>Signed off: the summary can no longer be changed.</source>
        <translation>已签署：总体描述不能再修改。</translation>
    </message>
</context>
<context>
    <name>VisitPanel</name>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="95"/>
        <location filename="../../inspector/ui/mystery.py" line="96"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="119"/>
        <source>e.g. A023</source>
        <translation>如 A023</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="144"/>
        <source>e.g. 2026Q4 cash</source>
        <translation>例如 2026Q4 取现</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="148"/>
        <source>Every visit of a wave plays the same scenario, so their scores compare.</source>
        <translation>同一批次的所有暗访使用同一场景，得分才可比较。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="162"/>
        <source>Start waiting (took a ticket)</source>
        <translation>开始等候（已取号）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="164"/>
        <source>Called to the counter</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="181"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="183"/>
        <source>Scenario</source>
        <translation>检测场景</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="188"/>
        <source>Arrival</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="191"/>
        <source>Departure</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="193"/>
        <source>Ticket number</source>
        <translation>排队号</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="194"/>
        <source>Customers waiting on arrival</source>
        <translation>到达时等候客户数</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="195"/>
        <source>Visit facts</source>
        <translation>到店信息</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="206"/>
        <location filename="../../inspector/ui/mystery.py" line="324"/>
        <source>Waiting time</source>
        <translation>等候时长</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="210"/>
        <source>Narrative</source>
        <translation>总体描述</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="129"/>
        <location filename="../../inspector/ui/mystery.py" line="228"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="262"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="305"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="326"/>
        <source>The wait timer was started at {0}. Start it again from now? The first start stays in the audit trail.</source>
        <translation>等候计时已于 {0} 开始。要从现在重新开始吗？首次开始时间保留在审计记录中。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="368"/>
        <source>Start the timer when you take a ticket.</source>
        <translation>取号时开始计时。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="376"/>
        <source>Waiting since {0}</source>
        <translation>自 {0} 起等候</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="381"/>
        <source>Waited from {0} to {1}</source>
        <translation>等候时间 {0} 至 {1}</translation>
    </message>
</context>
</TS>
