"""Words for device keys: this installation's key file and the public key files of others.

The app has no screen for key files (HQ's administrator manages the trusted list with the
command-line tool), so the app's words say what to ask for, never the command.
"""

from __future__ import annotations

from inspector.text import Message, Text

TOO_LARGE = Message(
    Text(zh="{source}：作为公钥文件过大", en="{source}: too large for a public key file")
)
NOT_PUBLIC = Message(
    Text(zh="{source}：其中是{kind}，不是公钥", en="{source}: holds a {kind}, not a public key"),
    cli=Text(
        zh="请给出 'inspector keys export' 写出的文件",
        en="give the file written by 'inspector keys export'",
    ),
    gui=Text(
        zh="请使用该设备导出的公钥文件（向其管理员索取）",
        en="use the public key file exported on that device (ask its administrator)",
    ),
)
DAMAGED_BLOCK = Message(
    Text(zh="{source}：其中一段公钥已损坏", en="{source}: a public key block is damaged")
)
NO_ED25519 = Message(
    Text(zh="{source}：找不到 Ed25519 公钥", en="{source}: no Ed25519 public key found"),
    cli=Text(
        zh="请给出该设备上 'inspector keys export' 写出的文件",
        en="give the file written by 'inspector keys export' on the device",
    ),
    gui=Text(
        zh="请使用该设备导出的公钥文件（向其管理员索取）",
        en="use the public key file exported on that device (ask its administrator)",
    ),
)
DEVICE_KEY_DAMAGED = Message(
    Text(zh="设备密钥文件 {path} 已损坏", en="device key file {path} is damaged"),
    cli=Text(
        zh="请用备份恢复该文件（这样仍能识别用旧密钥签名的数据包），或删除它以生成新密钥",
        en="restore it from a backup (packages signed with the old key can then still be "
        "matched) or remove it to create a new key",
    ),
    gui=Text(
        zh="请用备份恢复该文件（这样仍能识别用旧密钥签名的数据包），或删除它以生成新密钥",
        en="restore it from a backup (packages signed with the old key can then still be "
        "matched) or remove it to create a new key",
    ),
)
