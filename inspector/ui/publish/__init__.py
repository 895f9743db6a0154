"""The app's side of HQ packs and plans: File → Install HQ update… (and drag-and-drop of a
``.hqpack``), and the home screen's "Assigned to me". Strings: resources/i18n/publish_zh_CN.ts.
"""
