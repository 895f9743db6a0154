<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvidenceStrip</name>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="202"/>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="204"/>
        <source>No photos yet: drop files here or paste an image.</source>
        <translation>尚无照片：可将文件拖放到此处或粘贴图片。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="228"/>
        <source>Delete photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="230"/>
        <location filename="../../inspector/ui/photos/strip.py" line="506"/>
        <source>Annotate / redact…</source>
        <translation>标注 / 遮挡…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="323"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="325"/>
        <source>Photos (%1)</source>
        <translation>照片 (%1)</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="337"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="416"/>
        <source>dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="370"/>
        <source>Delete photos</source>
        <translation>删除照片</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector/ui/photos/strip.py" line="372"/>
        <source>Delete %n photo(s) from this item? This is recorded in the audit log.</source>
        <translation>
            <numerusform>从此检查项删除 %n 张照片？此操作会记入审计日志。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="437"/>
        <source>Adding photos: %v of %m</source>
        <translation>正在添加照片：%v / %m</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="456"/>
        <source>%1: already in this inspection, not added again.</source>
        <translation>%1：本次检查中已有此照片，未重复添加。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="460"/>
        <source>%1 was refused: %2</source>
        <translation>%1 未被接受：%2</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="473"/>
        <source>Adding photos failed: %1</source>
        <translation>添加照片失败：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="506"/>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="518"/>
        <source>Also use for item…</source>
        <translation>同时用于其他检查项…</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="547"/>
        <source>Every other item already has this photo.</source>
        <translation>其他检查项都已使用这张照片。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="552"/>
        <source>Also use for item</source>
        <translation>同时用于其他检查项</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="553"/>
        <source>Use this photo as evidence of this item too (no second copy is stored):</source>
        <translation>将这张照片同时作为以下检查项的证据（不另存副本）：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="573"/>
        <source>The photo is now also evidence of item %1.</source>
        <translation>这张照片已同时作为检查项 %1 的证据。</translation>
    </message>
</context>
<context>
    <name>PhotoEditorDialog</name>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="250"/>
        <source>Photo editor – %1</source>
        <extracomment>Who is recorded in the audit log; the embedding window may set it.</extracomment>
        <translation>照片编辑 – %1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="268"/>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="269"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="270"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="271"/>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="272"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="273"/>
        <source>Redact (fill)</source>
        <translation>遮挡（涂黑）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="274"/>
        <source>Redact (blur)</source>
        <translation>遮挡（模糊）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="99"/>
        <location filename="../../inspector/ui/photos/editor.py" line="287"/>
        <source>Delete shape</source>
        <translation>删除图形</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="85"/>
        <source>Add shape</source>
        <translation>添加图形</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="293"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="295"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="301"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="306"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="308"/>
        <source>Show the result as it will appear in reports</source>
        <translation>按报告中的效果显示</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="311"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="391"/>
        <source>Delete shapes</source>
        <translation>删除图形</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="412"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="429"/>
        <source>Text label</source>
        <translation>文字标注</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="429"/>
        <source>Label:</source>
        <translation>标注内容：</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="529"/>
        <source>Annotation colour</source>
        <translation>标注颜色</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="543"/>
        <source>Read-only: this photo&apos;s inspection is finalized or its original was withheld.</source>
        <translation>只读：此照片所属检查已定稿，或原图未随数据提供。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="546"/>
        <source>Preview off shows the original under the redactions.</source>
        <translation>关闭“预览”可查看遮挡下的原图。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="549"/>
        <source>Click a shape to select it; Delete removes it. Wheel zooms.</source>
        <translation>单击图形可选中，按 Delete 删除；滚轮缩放。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="550"/>
        <source>Drag from the tail to the point of the arrow.</source>
        <translation>从箭尾拖动到箭头所指位置。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="551"/>
        <source>Drag to draw a rectangle.</source>
        <translation>拖动绘制矩形。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="552"/>
        <source>Drag to draw an ellipse.</source>
        <translation>拖动绘制椭圆。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="553"/>
        <source>Click where the label should start.</source>
        <translation>单击文字标注的起始位置。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="555"/>
        <source>Drag over what must be hidden: it is blacked out in reports and exports.</source>
        <translation>拖动框选需要隐藏的内容：在报告和导出中将被涂黑。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="558"/>
        <source>Drag over what must be hidden: it is blurred beyond recognition.</source>
        <translation>拖动框选需要隐藏的内容：将被模糊至无法辨认。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="564"/>
        <source>Shown as exported, redactions applied. Switch Preview off to see the original and edit the shapes.</source>
        <translation>按导出效果显示（已遮挡）。关闭“预览”可查看原图并编辑图形。</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="568"/>
        <source>(unsaved changes)</source>
        <translation>（有未保存的修改）</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="579"/>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/editor.py" line="580"/>
        <source>The photo has unsaved annotations or redactions. Discard them?</source>
        <translation>照片有未保存的标注或遮挡，是否放弃？</translation>
    </message>
</context>
<context>
    <name>PhotoListModel</name>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="144"/>
        <source>Taken (device clock): %1</source>
        <extracomment>Encoded image formats a clipboard or a drag may carry, best first, with the file suffix the pasted photo is stored under. Their bytes are the photo itself (a camera JPEG with its EXIF orientation, time and GPS), so they are ingested as they are; only a bare bitmap (``application/x-qt-image``) is encoded as a PNG, since nothing better exists.</extracomment>
        <translation>拍摄时间（设备时钟）：%1</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="146"/>
        <source>Redacted</source>
        <translation>已遮挡</translation>
    </message>
    <message>
        <location filename="../../inspector/ui/photos/strip.py" line="148"/>
        <source>Annotated</source>
        <translation>已标注</translation>
    </message>
</context>
</TS>
