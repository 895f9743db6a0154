<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignedPanel</name>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="47"/>
        <source>Assigned to me</source>
        <translation>分配给我的检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="51"/>
        <location filename="../../inspector/ui/publish/assigned.py" line="153"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="63"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="64"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="65"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="66"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="67"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="68"/>
        <source>Scenario / wave</source>
        <translation>情景 / 批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="91"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="92"/>
        <source>To do</source>
        <translation>待检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="93"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="94"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="98"/>
        <source>Mystery shopper</source>
        <translation>神秘客</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="98"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="127"/>
        <source>{0} to do, {1} overdue</source>
        <translation>{0} 项待检查，{1} 项已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="151"/>
        <source>Open inspection</source>
        <translation>打开检查</translation>
    </message>
</context>
<context>
    <name>HqUpdateInstaller</name>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="48"/>
        <source>Install HQ update…</source>
        <translation>安装总行更新包…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="53"/>
        <location filename="../../inspector/ui/publish/install.py" line="96"/>
        <source>Install HQ update</source>
        <translation>安装总行更新包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="55"/>
        <source>HQ updates (*{0});;All files (*)</source>
        <translation>总行更新包 (*{0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="84"/>
        <source>Checklist {0}, version {1}</source>
        <translation>检查表 {0}，版本 {1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="86"/>
        <source>Checklist {0} withdrawn</source>
        <translation>撤回检查表 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="88"/>
        <source>Branch list: {0} branches</source>
        <translation>网点清单：{0} 个网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="90"/>
        <source>Inspection plan: {0} line(s)</source>
        <translation>检查计划：{0} 项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="92"/>
        <source>Organisation name, logo and time zone</source>
        <translation>机构名称、徽标和时区</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="93"/>
        <source>(HQ&apos;s key only)</source>
        <translation>（仅总行密钥）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="102"/>
        <location filename="../../inspector/ui/publish/install.py" line="130"/>
        <source>This HQ update cannot be installed. Nothing was changed.

{0}</source>
        <translation>无法安装此总行更新包，本机未做任何更改。

{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="112"/>
        <source>This is the first HQ update on this computer. It is signed by the key with the fingerprint

{0}

Compare it with the fingerprint HQ gave you (by phone or in person). Every later update must be signed by this key.

It brings:
{1}

Trust this key and install?</source>
        <translation>这是本机安装的第一个总行更新包。它由以下指纹的密钥签发：

{0}

请与总行提供的指纹（电话或当面）核对。以后的每个更新包都必须由这把密钥签发。

包含内容：
{1}

信任此密钥并安装？</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="118"/>
        <source>Install HQ update {0}?

It brings:
{1}</source>
        <translation>安装总行更新包 {0}？

包含内容：
{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="139"/>
        <source>HQ update {0} is installed.

{1}</source>
        <translation>总行更新包 {0} 已安装。

{1}</translation>
    </message>
</context>
<context>
    <name>PlanNote</name>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="175"/>
        <source>Assigned by HQ&apos;s plan, due {0}</source>
        <translation>总行计划分配，截止 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="177"/>
        <source>scenario {0}</source>
        <translation>情景 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="179"/>
        <source>wave {0}</source>
        <translation>批次 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="180"/>
        <source>{0}.</source>
        <translation>{0}。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="180"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
</TS>
