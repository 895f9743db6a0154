<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignedPanel</name>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="53"/>
        <source>Assigned to me</source>
        <translation>分配给我的检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="57"/>
        <location filename="../../inspector/ui/publish/assigned.py" line="159"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="69"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="70"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="71"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="72"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="73"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="74"/>
        <source>Scenario / wave</source>
        <translation>情景 / 批次</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="97"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="98"/>
        <source>To do</source>
        <translation>待检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="99"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="100"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="104"/>
        <source>Mystery shopper</source>
        <translation>神秘客</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="104"/>
        <source>On-site</source>
        <translation>现场检查</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="133"/>
        <source>{0} to do, {1} overdue</source>
        <translation>{0} 项待检查，{1} 项已逾期</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="157"/>
        <source>Open inspection</source>
        <translation>打开检查</translation>
    </message>
</context>
<context>
    <name>HqUpdateInstaller</name>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="61"/>
        <source>Install HQ update…</source>
        <translation>安装总行更新包…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="67"/>
        <location filename="../../inspector/ui/publish/install.py" line="132"/>
        <location filename="../../inspector/ui/publish/install.py" line="141"/>
        <location filename="../../inspector/ui/publish/install.py" line="168"/>
        <location filename="../../inspector/ui/publish/install.py" line="174"/>
        <location filename="../../inspector/ui/publish/install.py" line="184"/>
        <source>Install HQ update</source>
        <translation>安装总行更新包</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="69"/>
        <source>HQ updates (*{0});;All files (*)</source>
        <translation>总行更新包 (*{0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="101"/>
        <source>Checklist {0}, version {1}</source>
        <translation>检查表 {0}，版本 {1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="103"/>
        <source>Checklist {0} withdrawn</source>
        <translation>撤回检查表 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="105"/>
        <source>Branch list: {0} branches</source>
        <translation>网点清单：{0} 个网点</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="107"/>
        <source>Inspection plan: {0} line(s)</source>
        <translation>检查计划：{0} 项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="109"/>
        <source>Organisation name, logo and time zone</source>
        <translation>机构名称、徽标和时区</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="110"/>
        <source>(HQ&apos;s key only)</source>
        <translation>（仅总行密钥）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="133"/>
        <source>Checking the HQ update&apos;s signature and files…</source>
        <translation>正在核验总行更新包的签名和文件…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="142"/>
        <source>This HQ update cannot be installed. Nothing was changed.

{0}</source>
        <translation>无法安装此总行更新包，本机未做任何更改。

{0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="159"/>
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
        <location filename="../../inspector/ui/publish/install.py" line="165"/>
        <source>Install HQ update {0}?

It brings:
{1}</source>
        <translation>安装总行更新包 {0}？

包含内容：
{1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="175"/>
        <source>Installing the HQ update…</source>
        <translation>正在安装总行更新包…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/install.py" line="185"/>
        <source>HQ update {0} is installed.

{1}</source>
        <translation>总行更新包 {0} 已安装。

{1}</translation>
    </message>
</context>
<context>
    <name>PlanNote</name>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="181"/>
        <source>Assigned by HQ&apos;s plan, due {0}</source>
        <translation>总行计划分配，截止 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="183"/>
        <source>scenario {0}</source>
        <translation>情景 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="185"/>
        <source>wave {0}</source>
        <translation>批次 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="186"/>
        <source>{0}.</source>
        <translation>{0}。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/publish/assigned.py" line="186"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
</TS>
