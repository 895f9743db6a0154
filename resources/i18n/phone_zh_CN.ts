<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PhoneCaptureButton</name>
    <message>
        <location filename="../../inspector/ui/phone.py" line="274"/>
        <source>📱 Phone capture</source>
        <translation>📱 手机拍照</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="275"/>
        <location filename="../../inspector/ui/phone.py" line="322"/>
        <source>Take this inspection&apos;s photos with a phone (QR code)</source>
        <translation>用手机为本检查拍照（扫描二维码）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="318"/>
        <source>This inspection is finalized: no more photos can be added. To add some, amend it (Finalize tab) and capture them in the new revision.</source>
        <translation>此检查已定稿，不能再添加照片。如需补充，请在“定稿”页修订（生成新版本），再在新版本中拍照。</translation>
    </message>
</context>
<context>
    <name>PhoneDialog</name>
    <message>
        <location filename="../../inspector/ui/phone.py" line="67"/>
        <source>Phone capture</source>
        <translation>手机拍照</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="74"/>
        <source>Scan this code with the phone&apos;s camera. The phone must be on the same network as this laptop (the branch Wi-Fi or the phone&apos;s own hotspot). Each photo lands on the item chosen on the phone.</source>
        <translation>用手机相机扫描此二维码。手机须与本电脑在同一网络（网点 Wi-Fi 或手机自己的热点）。每张照片归入在手机上选择的检查项目。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="81"/>
        <source>The network the phone is on</source>
        <translation>手机所在的网络</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="88"/>
        <source>Network:</source>
        <translation>网络：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="92"/>
        <source>No Wi-Fi or wired network is connected: join the branch Wi-Fi or the phone&apos;s hotspot, then choose it here.</source>
        <translation>未连接 Wi-Fi 或有线网络：请连接网点 Wi-Fi 或手机热点，然后在此选择。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="113"/>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="115"/>
        <source>New code</source>
        <translation>新二维码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="117"/>
        <source>End this session (the old code stops working) and show a new code</source>
        <translation>结束本次会话（旧二维码失效）并显示新二维码</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="121"/>
        <source>Stop and close</source>
        <translation>停止并关闭</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="139"/>
        <source>The session ends when this window closes or after 30 minutes without activity. Anyone with the code can add photos to this inspection until then: do not share it.</source>
        <translation>关闭此窗口或 30 分钟无操作后会话结束。在此之前，任何拿到此二维码的人都能向本检查添加照片：请勿外传。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="180"/>
        <source>Waiting for the phone…</source>
        <translation>等待手机连接…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="205"/>
        <source>{0} photo(s) received; the last on item {1}</source>
        <translation>已收到 {0} 张照片；最近一张属于项目 {1}</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="211"/>
        <source>Visit facts updated from the phone</source>
        <translation>已从手机更新暗访记录</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="219"/>
        <source>No session</source>
        <translation>无会话</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/phone.py" line="223"/>
        <source>The session has ended ({0}). Press “New code” to start another.</source>
        <translation>会话已结束（{0}）。按“新二维码”重新开始。</translation>
    </message>
</context>
</TS>
