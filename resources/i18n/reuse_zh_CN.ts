<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvidenceStrip</name>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="493"/>
        <source>Also use for item…</source>
        <translation>同时用于其他检查项…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="522"/>
        <source>Every other item already has this photo.</source>
        <translation>其他检查项都已使用这张照片。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="527"/>
        <source>Also use for item</source>
        <translation>同时用于其他检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="528"/>
        <source>Use this photo as evidence of this item too (no second copy is stored):</source>
        <translation>将这张照片同时作为以下检查项的证据（不另存副本）：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="548"/>
        <source>The photo is now also evidence of item %1.</source>
        <translation>这张照片已同时作为检查项 %1 的证据。</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../inspector/ui/findings.py" line="84"/>
        <source>[Repeat] %1</source>
        <translation>【屡查屡犯】%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/findings.py" line="108"/>
        <source>Repeat finding: the previous inspection on %1 (%2) found the same; severity raised one level.</source>
        <translation>屡查屡犯：上次检查（%1，%2）发现了同一问题；严重程度已提高一级。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
</context>
<context>
    <name>PhotoListModel</name>
</context>
<context>
    <name>VisitPanel</name>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="124"/>
        <source>e.g. 2026Q4 cash</source>
        <translation>例如 2026Q4 取现</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="128"/>
        <source>Every visit of a wave plays the same scenario, so their scores compare.</source>
        <translation>同一批次的所有暗访使用同一场景，得分才可比较。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="166"/>
        <source>Wave</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/mystery.py" line="284"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
</TS>
