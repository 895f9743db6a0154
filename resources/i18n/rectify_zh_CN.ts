<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RectificationPage</name>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="59"/>
        <source>Rectification…</source>
        <translation>整改…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="103"/>
        <source>◀ Inspections</source>
        <translation>◀ 检查列表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="105"/>
        <location filename="../../inspector/ui/rectification.py" line="260"/>
        <location filename="../../inspector/ui/rectification.py" line="324"/>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="108"/>
        <source>Open notice…</source>
        <translation>打开通知书…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="110"/>
        <source>Save notice PDF…</source>
        <translation>保存通知书 PDF…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="112"/>
        <source>Write response for HQ…</source>
        <translation>生成整改报告…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="126"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="126"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="126"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="126"/>
        <source>Answer</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="147"/>
        <source>What was done (整改措施)</source>
        <translation>整改措施：做了什么</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="149"/>
        <source>Why it happened (原因分析)</source>
        <translation>原因分析：为什么发生</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="151"/>
        <source>What stops it recurring (长效机制)</source>
        <translation>长效机制：如何防止再次发生</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="154"/>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="160"/>
        <source>Not yet, because:</source>
        <translation>尚未整改，原因：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="168"/>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="169"/>
        <source>Cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="170"/>
        <source>Prevention</source>
        <translation>长效机制</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="172"/>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="177"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="179"/>
        <source>Redact…</source>
        <translation>遮挡…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="181"/>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="183"/>
        <source>Save answer</source>
        <translation>保存回复</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="195"/>
        <source>The finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="198"/>
        <source>Your answer</source>
        <translation>整改回复</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="200"/>
        <source>Photos after rectification</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="225"/>
        <source>No rectification notice yet. When HQ sends a notice (a .notice file), open it here to answer each finding.</source>
        <translation>尚无整改通知书。收到总行发来的整改通知书文件后，在此打开并逐项回复。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="269"/>
        <source>Due %1 · %2 of %3 answered</source>
        <translation>期限 %1 · 已回复 %2/%3</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="293"/>
        <source>%1 · revision %2 · due %3 · HQ key %4</source>
        <translation>%1 · 第 %2 版 · 期限 %3 · 总行密钥 %4</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="304"/>
        <source>[Repeated] </source>
        <translation>[屡查屡犯] </translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="328"/>
        <source>Open</source>
        <translation>未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="329"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="330"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="331"/>
        <source>Sent to HQ</source>
        <translation>已报总行</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="332"/>
        <source>Closed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="338"/>
        <source>Answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="340"/>
        <source>Not yet</source>
        <translation>尚未整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="341"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="351"/>
        <source>Seen: %1</source>
        <translation>检查所见：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="353"/>
        <source>Required: %1</source>
        <translation>整改要求：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="355"/>
        <source>Owner: %1 · deadline %2</source>
        <translation>责任人：%1 · 整改期限 %2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="360"/>
        <source>HQ returned the last answer: %1</source>
        <translation>总行退回了上次回复：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="405"/>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="407"/>
        <source>Rectification notices (*%1);;All files (*)</source>
        <translation>整改通知书 (*%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="420"/>
        <source>HQ key changed?</source>
        <translation>总行密钥已更换？</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="421"/>
        <source>Expected fingerprint (from HQ):</source>
        <translation>总行告知的密钥指纹：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="426"/>
        <source>Cannot open the notice</source>
        <translation>无法打开通知书</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="431"/>
        <source>HQ key</source>
        <translation>总行密钥</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="433"/>
        <source>This is the first notice opened here. HQ&apos;s key fingerprint is:

%1

Check it with HQ (by phone or on the printed notice). Notices signed by any other key will be refused.</source>
        <translation>这是本机打开的第一份通知书。总行密钥指纹为：

%1

请与总行核对（电话或纸质通知书）。此后由其他密钥签名的通知书将被拒绝。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="460"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="468"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="470"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.heic *.heif);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.heic *.heif);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="483"/>
        <source>Photos not added</source>
        <translation>照片未添加</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="513"/>
        <location filename="../../inspector/ui/rectification.py" line="525"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="533"/>
        <source>Folder for the response</source>
        <translation>整改报告保存文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="545"/>
        <source>Response not written</source>
        <translation>整改报告未生成</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="549"/>
        <source>Response written</source>
        <translation>整改报告已生成</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="550"/>
        <source>Response revision %1 for HQ:
%2</source>
        <translation>第 %1 版整改报告已生成，请发送给总行：
%2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="565"/>
        <location filename="../../inspector/ui/rectification.py" line="569"/>
        <source>Notice PDF</source>
        <translation>通知书 PDF</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/rectification.py" line="571"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="48"/>
        <source>Responses to review</source>
        <translation>整改验收</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="53"/>
        <source>Rectification responses (*%1)</source>
        <translation>整改报告 (*%1)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="61"/>
        <source>awaiting review</source>
        <translation>待验收</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="62"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="70"/>
        <source>Awaiting review</source>
        <translation>待验收</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="71"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="93"/>
        <source>Send rectification notice…</source>
        <translation>发送整改通知书…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="111"/>
        <source>At the inspection</source>
        <translation>检查时</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="112"/>
        <source>After rectification</source>
        <translation>整改后</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="119"/>
        <source>HQ&apos;s note (needed to return an answer)</source>
        <translation>总行意见（退回时必填）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="120"/>
        <source>Accept (close the finding)</source>
        <translation>验收通过（关闭问题）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="123"/>
        <source>Return to the branch</source>
        <translation>退回网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="136"/>
        <source>No branch response waiting for review.</source>
        <translation>没有待验收的网点整改报告。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="156"/>
        <location filename="../../inspector/ui/review_queue.py" line="181"/>
        <location filename="../../inspector/ui/review_queue.py" line="264"/>
        <source>Rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="160"/>
        <source>late</source>
        <translation>逾期提交</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="162"/>
        <source>untrusted key</source>
        <translation>未绑定密钥</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="186"/>
        <source>Required: %1</source>
        <translation>整改要求：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="187"/>
        <source>Deadline: %1</source>
        <translation>整改期限：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="194"/>
        <source>Measures: %1</source>
        <translation>整改措施：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="195"/>
        <source>Cause: %1</source>
        <translation>原因分析：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="196"/>
        <source>Prevention: %1</source>
        <translation>长效机制：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="197"/>
        <source>Done on %1 by %2</source>
        <translation>完成日期 %1，责任人 %2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="202"/>
        <source>Signed by a key not bound to the branch: %1</source>
        <translation>签名密钥未绑定该网点：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="233"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="244"/>
        <location filename="../../inspector/ui/review_queue.py" line="252"/>
        <location filename="../../inspector/ui/review_queue.py" line="274"/>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="244"/>
        <source>No branch has open findings.</source>
        <translation>没有网点存在待整改问题。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="248"/>
        <source>%1 %2 (%3 findings)</source>
        <translation>%1 %2（%3 项问题）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="252"/>
        <source>Branch:</source>
        <translation>网点：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="257"/>
        <source>Folder for the notice</source>
        <translation>通知书保存文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="270"/>
        <source>Notice not written</source>
        <translation>通知书未生成</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/review_queue.py" line="275"/>
        <source>%1 (revision %2): %3 findings, due %4.

Send this file to the branch:
%5</source>
        <translation>%1（第 %2 版）：%3 项问题，整改期限 %4。

请将此文件发送给网点：
%5</translation>
    </message>
</context>
</TS>
