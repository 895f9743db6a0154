<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../inspector/ui/filedialogs.py" line="89"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/filedialogs.py" line="90"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/filedialogs.py" line="91"/>
        <source>%1 file</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/filedialogs.py" line="92"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/filedialogs.py" line="93"/>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
</context>
<context>
    <name>Instance</name>
    <message>
        <location filename="../../inspector/ui/instance.py" line="123"/>
        <location filename="../../inspector/ui/instance.py" line="186"/>
        <source>Branch Inspector is already open</source>
        <translation>网点消保检查已经打开</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="129"/>
        <source>This database is already open in another Branch Inspector window.</source>
        <translation>此数据库已在另一个“网点消保检查”窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="134"/>
        <source>%1

That window (process %2) is editing it. Two windows writing the same database would overwrite each other&apos;s answers, so this one cannot write to it.</source>
        <translation>%1

那个窗口（进程 %2）正在编辑它。两个窗口同时写入同一个数据库会互相覆盖答案，所以本窗口不能写入。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="143"/>
        <source>Switch to the open window</source>
        <translation>切换到已打开的窗口</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="150"/>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="157"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="166"/>
        <source>Look at inspections and reports; nothing can be changed in this window.</source>
        <translation>可以查看检查和报告；在本窗口中不能修改任何内容。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="192"/>
        <source>The open window did not answer.</source>
        <translation>已打开的窗口没有响应。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="198"/>
        <source>It may still be starting, or be busy. Look for it on the taskbar, or choose again in a moment.</source>
        <translation>它可能仍在启动或正忙。请在任务栏中找到它，或稍后再选一次。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="210"/>
        <source>%1 (read-only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/instance.py" line="216"/>
        <source>Read-only: another window is editing this database</source>
        <translation>只读：另一个窗口正在编辑此数据库</translation>
    </message>
</context>
</TS>
