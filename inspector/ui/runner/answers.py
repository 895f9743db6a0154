"""Answer widgets fitting each answer type, under one :class:`AnswerPanel`.

Every item gets the three big judgement buttons (pass / fail / N.A.; keys 1, 2, 3). Typed
items add their value widget: a scale row, a count, a measurement with its unit and a live
pass/fail against the threshold, choices, or text. A value lets the scoring engine judge;
a button press is the inspector's explicit judgement and keeps the value beside it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.answers import Answer, AnswerError, AnswerValue, coerce_value
from inspector.domain.checklist import AnswerType, Item, Result
from inspector.domain.scoring import measure_passes, value_fraction
from inspector.ui import theme
from inspector.ui.errors import user_text

log = logging.getLogger(__name__)

# Every typed field (text, measurement, count) is recorded (audited, rescored) after this
# pause; what is typed is kept (durable, not audited) much sooner: see KEEP_DELAY_MS.
TEXT_SAVE_DELAY_MS = 800
KEEP_DELAY_MS = 50


def _fmt_number(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}" if decimals else f"{round(v):d}"


def show_number(v: float, decimals: int) -> str:
    """A stored measurement as the field shows it: with the item's decimals, but never
    rounded away from what is stored (1.25 stays 1.25 on a one-decimal item)."""
    text = _fmt_number(v, decimals)
    if float(text) == v:
        return text
    return format(v, ".15g")


class AnswerPanel(QWidget):
    """The answer area of the current item.

    Signals:
        answer_requested(str, object, object): (item id, Result | None, value) the user
            chose; the runner commits it for that item (through the undo stack; the item
            shown may have changed since the value was typed) and then calls
            :meth:`show_answer`.
        invalid_value(str): the typed text is not a valid value (shown in the status bar).
        value_typed(str, str): (item id, text) what is in the value field, a moment after
            each keystroke: the runner keeps it durable until the value is recorded.
        leave_value_field(): Esc in the value field (keys 1/2/3 judge again).
        editing(): a key changed the value field (not yet kept).
    """

    answer_requested = Signal(str, object, object)
    invalid_value = Signal(str)
    value_typed = Signal(str, str)
    editing = Signal()
    leave_value_field = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        self._answer: Answer | None = None
        self._read_only = False
        self._lang = "zh"
        self._scenario: str | None = None
        self._value_widgets: list[QWidget] = []
        # The typed text last refused for this item: told once, not again on every flush.
        self._refused: str | None = None
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._text_timer.timeout.connect(self._commit_text)
        # Measurements and counts are saved after the same pause as text, not only when the
        # field loses focus: a kill or a flat battery must not lose what was typed.
        self._value_timer = QTimer(self)
        self._value_timer.setSingleShot(True)
        self._value_timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._value_timer.timeout.connect(self._commit_value)
        # What is typed is kept (durable, unaudited) a moment after each keystroke.
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_typed)

        self.pass_button = self._judgement_button(self.tr("Pass  [1]"), "answerPass")
        self.fail_button = self._judgement_button(self.tr("Fail  [2]"), "answerFail")
        self.na_button = self._judgement_button(self.tr("N/A  [3]"), "answerNa")
        self.pass_button.clicked.connect(lambda: self.judge(Result.PASS))
        self.fail_button.clicked.connect(lambda: self.judge(Result.FAIL))
        self.na_button.clicked.connect(lambda: self.judge(Result.NA))
        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        for b in (self.pass_button, self.fail_button, self.na_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.value_label = QLabel()
        self.value_label.setObjectName("sectionTitle")
        self.value_box = QVBoxLayout()
        self.value_box.setSpacing(8)
        self.override_hint = QLabel()
        self.override_hint.setObjectName("hint")
        self.override_hint.setWordWrap(True)
        # When the judgement and the value disagree, the screen says which one counts.
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("banner")
        self.conflict_label.setWordWrap(True)
        self.conflict_label.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        lay.addLayout(self.value_box)
        lay.addLayout(buttons)
        lay.addWidget(self.override_hint)
        lay.addWidget(self.conflict_label)

        # widgets created per item type
        self.scale_group: QButtonGroup | None = None
        self.choice_group: QButtonGroup | None = None
        self.count_edit: QLineEdit | None = None
        self.measure_edit: QLineEdit | None = None
        self.measure_verdict: QLabel | None = None
        self.text_edit: QPlainTextEdit | None = None
        self.text_counter: QLabel | None = None

    # ---------------------------------------------------------------- building
    def _judgement_button(self, text: str, name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setCheckable(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys 1/2/3 must reach the window
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setMaximumWidth(240)
        return b

    def set_item(
        self,
        item: Item,
        answer: Answer | None,
        *,
        read_only: bool,
        lang: str,
        scenario: str | None = None,
    ) -> None:
        """Rebuild the value widgets for ``item`` and show ``answer``."""
        self.flush()
        self._item, self._lang, self._read_only = item, lang, read_only
        self._scenario = scenario
        self._refused = None
        # Forget the old fields first: hiding the focused one ends its editing, and its text
        # belongs to the item it was typed for (flushed above), never to the item shown next.
        old, self._value_widgets = self._value_widgets, []
        self.scale_group = self.choice_group = None
        self.count_edit = None
        self.measure_edit = None
        self.measure_verdict = None
        self.text_edit = None
        self.text_counter = None
        for w in old:
            w.hide()
            w.deleteLater()
        builder = {
            AnswerType.SCALE: self._build_scale,
            AnswerType.COUNT: self._build_count,
            AnswerType.MEASURE: self._build_measure,
            AnswerType.CHOICE: self._build_choice,
            AnswerType.TEXT: self._build_text,
        }.get(item.type)
        if builder is not None:
            builder(item)
        typed = item.type not in (AnswerType.YES_NO, AnswerType.YES_NO_NA)
        # On a scale item the digit keys are the score: the buttons show no key then.
        scale = item.scale is not None
        self.pass_button.setText(self.tr("Pass") if scale else self.tr("Pass  [1]"))
        self.fail_button.setText(self.tr("Fail") if scale else self.tr("Fail  [2]"))
        self.na_button.setText(self.tr("N/A") if scale else self.tr("N/A  [3]"))
        self.override_hint.setVisible(typed and not read_only)
        self.override_hint.setText(
            self.tr(
                "The value decides pass or fail; the buttons record your own judgement, "
                "which then counts instead."
            )
            + (
                "  " + self.tr("Esc leaves the field (then keys 1/2/3 judge).")
                if self.value_field() is not None
                else ""
            )
        )
        self._update_na()
        self.pass_button.setEnabled(not read_only)
        self.fail_button.setEnabled(not read_only)
        self.show_answer(answer)

    def set_scenario(self, scenario: str | None) -> None:
        """The mystery-shopper scenario played changed: N/A may now be the rule's, not ours."""
        self._scenario = scenario
        self._update_na()

    def _update_na(self) -> None:
        item = self._item
        if item is None:
            return
        choosable = item.na_choosable(self._scenario)
        self.na_button.setEnabled(choosable and not self._read_only)
        if choosable:
            tip = ""
        elif item.allows_na or item.scenario_decides_na:
            tip = self.tr(
                "The scenario played decides whether this item applies: it applies in this "
                "scenario, so answer Pass or Fail."
            )
        else:
            tip = self.tr("This checklist does not allow N/A for this item.")
        self.na_button.setToolTip(tip)

    def _add(self, w: QWidget) -> QWidget:
        self.value_box.addWidget(w)
        self._value_widgets.append(w)
        w.setEnabled(not self._read_only)
        return w

    def _build_scale(self, item: Item) -> None:
        assert item.scale is not None
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.scale_group = QButtonGroup(row)
        self.scale_group.setExclusive(True)
        for v in range(item.scale.min, item.scale.max + 1):
            label = str(v)
            if item.scale.labels and v in item.scale.labels:
                label = f"{v} · {item.scale.labels[v].get(self._lang)}"
            b = QPushButton(label)
            b.setObjectName("choice")
            b.setCheckable(True)
            b.setMinimumWidth(56)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.scale_group.addButton(b, v)
            lay.addWidget(b)
        lay.addStretch(1)
        self.scale_group.idClicked.connect(lambda v: self._request_value(v))
        self._add(
            self._caption(
                self.tr("Score on the scale {0}–{1} (keys {0}–{1})").format(
                    item.scale.min, item.scale.max
                )
                if item.scale.max <= 9
                else self.tr("Score on the scale {0}–{1}").format(item.scale.min, item.scale.max)
            )
        )
        self._add(row)

    def _build_count(self, item: Item) -> None:
        assert item.count is not None
        c = item.count
        parts = []
        if c.pass_min is not None:
            parts.append(self.tr("at least {0}").format(c.pass_min))
        if c.pass_max is not None:
            parts.append(self.tr("at most {0}").format(c.pass_max))
        self._add(self._caption(self.tr("Count") + (f"（{'，'.join(parts)}）" if parts else "")))
        # A text field of digits, not a spin box: what is typed is the count (a spin box
        # showed 0 with the cursor before it, so typing 1 made 10); empty is no count.
        edit = QLineEdit()
        edit.setMinimumWidth(160)
        edit.setMaximumWidth(220)
        edit.setMinimumHeight(40)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,9}"), edit))
        edit.setPlaceholderText(self.tr("number"))
        edit.textEdited.connect(self._value_edited)
        edit.editingFinished.connect(self._commit_count)
        edit.installEventFilter(self)
        self.count_edit = edit
        self._add(self._wrap(edit))

    def _build_measure(self, item: Item) -> None:
        assert item.measure is not None
        m = item.measure
        bounds = []
        if m.min is not None:
            bounds.append(f"≥ {_fmt_number(m.min, m.decimals)}")
        if m.max is not None:
            bounds.append(f"≤ {_fmt_number(m.max, m.decimals)}")
        unit = m.unit.get(self._lang)
        caption = self.tr("Measurement in {0}; passes when {1}").format(unit, " , ".join(bounds))
        self._add(self._caption(caption))
        edit = QLineEdit()
        edit.setMinimumHeight(40)
        edit.setMaximumWidth(220)
        edit.setPlaceholderText(m.hint.get(self._lang) if m.hint else unit)
        verdict = QLabel()
        verdict.setMinimumWidth(220)
        unit_label = QLabel(unit)
        edit.textChanged.connect(self._update_measure_verdict)
        edit.textEdited.connect(self._value_edited)
        edit.editingFinished.connect(self._commit_measure)
        edit.installEventFilter(self)
        self.measure_edit, self.measure_verdict = edit, verdict
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        lay.addWidget(edit)
        lay.addWidget(unit_label)
        lay.addSpacing(16)
        lay.addWidget(verdict)
        lay.addStretch(1)
        self._add(row)
        if m.hint:
            hint = self._caption(m.hint.get(self._lang))
            hint.setObjectName("hint")
            self._add(hint)

    def _build_choice(self, item: Item) -> None:
        assert item.options is not None
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.choice_group = QButtonGroup(box)
        self.choice_group.setExclusive(True)
        for n, o in enumerate(item.options):
            b = QPushButton(f"{o.label.get(self._lang)}")
            b.setObjectName("choice")
            b.setCheckable(True)
            b.setMaximumWidth(520)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.choice_group.addButton(b, n)
            lay.addWidget(b)
        options = item.options
        self.choice_group.idClicked.connect(lambda n: self._request_value(options[n].id))
        self._add(self._caption(self.tr("Choose one")))
        self._add(box)

    def _build_text(self, item: Item) -> None:
        edit = QPlainTextEdit()
        edit.setMinimumHeight(110)
        edit.setMaximumHeight(200)
        counter = QLabel()
        counter.setObjectName("hint")
        edit.textChanged.connect(self._text_changed)
        self.text_edit, self.text_counter = edit, counter
        self._add(edit)
        self._add(counter)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        label.setWordWrap(True)
        return label

    def _wrap(self, w: QWidget) -> QWidget:
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(w)
        lay.addStretch(1)
        return row

    # ---------------------------------------------------------------- showing
    def show_answer(self, answer: Answer | None) -> None:
        """Reflect ``answer`` in the widgets without emitting anything."""
        self._answer = answer
        result = answer.result if answer else None
        value = answer.value if answer else None
        self.pass_button.setChecked(result == Result.PASS)
        self.fail_button.setChecked(result == Result.FAIL)
        self.na_button.setChecked(result == Result.NA)
        if self.scale_group is not None:
            self._check_in_group(self.scale_group, value if isinstance(value, int) else None)
        if self.choice_group is not None and self._item is not None and self._item.options:
            ids = [o.id for o in self._item.options]
            n = ids.index(value) if isinstance(value, str) and value in ids else None
            self._check_in_group(self.choice_group, n)
        if self.count_edit is not None:
            text = (
                str(int(value))
                if isinstance(value, int | float) and not isinstance(value, bool)
                else ""
            )
            typing = self.count_edit.hasFocus() or self._value_timer.isActive()
            if self.count_edit.text() != text and not typing:
                self.count_edit.blockSignals(True)
                self.count_edit.setText(text)
                self.count_edit.blockSignals(False)
        if self.measure_edit is not None and self._item is not None:
            m = self._item.measure
            text = (
                show_number(float(value), m.decimals if m else 2)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else ""
            )
            typing = self.measure_edit.hasFocus() or self._value_timer.isActive()
            if self.measure_edit.text() != text and not typing:
                self.measure_edit.blockSignals(True)
                self.measure_edit.setText(text)
                self.measure_edit.blockSignals(False)
            self._update_measure_verdict(self.measure_edit.text())
        if self.text_edit is not None:
            text = value if isinstance(value, str) else ""
            if self.text_edit.toPlainText() != text and not self._text_timer.isActive():
                self.text_edit.blockSignals(True)
                self.text_edit.setPlainText(text)
                self.text_edit.blockSignals(False)
            self._update_text_counter()

        self._update_conflict()

    def value_verdict(self, answer: Answer | None) -> Result | None:
        """What the value alone says (pass / fail), None when it says nothing."""
        if self._item is None or answer is None or answer.value is None:
            return None
        if self._item.type in (AnswerType.YES_NO, AnswerType.YES_NO_NA, AnswerType.TEXT):
            return None
        fraction = value_fraction(self._item, Answer(value=answer.value))
        if fraction is None:
            return None
        return Result.PASS if fraction >= 1.0 else Result.FAIL

    def _update_conflict(self) -> None:
        a = self._answer
        implied = self.value_verdict(a)
        if a is None or a.result is None or a.result == Result.NA or implied is None:
            self.conflict_label.hide()
            return
        if implied == a.result:
            self.conflict_label.hide()
            return
        words = {Result.PASS: self.tr("pass"), Result.FAIL: self.tr("fail")}
        self.conflict_label.setText(
            self.tr(
                "Your judgement ({0}) and the value ({1}) disagree: your judgement counts. "
                "Both are recorded; type the value again to let it decide."
            ).format(words[a.result], words[implied])
        )
        self.conflict_label.show()

    def value_field(self) -> QWidget | None:
        """The field that takes the focus on this item (a measurement or a count)."""
        if self.measure_edit is not None:
            return self.measure_edit
        if self.count_edit is not None:
            return self.count_edit
        return None

    def choose_scale(self, value: int) -> bool:
        """A digit key on a scale item: that step of the scale (never a judgement)."""
        if self._item is None or self._item.scale is None or self._read_only:
            return False
        if not self._item.scale.min <= value <= self._item.scale.max:
            return False
        self._request_value(value)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and watched in (self.measure_edit, self.count_edit)
        ):
            self.flush()
            self.leave_value_field.emit()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _check_in_group(group: QButtonGroup, button_id: int | None) -> None:
        group.setExclusive(False)
        for b in group.buttons():
            b.setChecked(group.id(b) == button_id)
        group.setExclusive(True)

    def _update_measure_verdict(self, text: str) -> None:
        if self.measure_verdict is None or self._item is None:
            return
        v = self._parse(text)
        if v is None or isinstance(v, bool) or not isinstance(v, int | float):
            self.measure_verdict.setText("")
            return
        ok = measure_passes(self._item, float(v))
        colour = theme.PASS if ok else theme.FAIL
        word = self.tr("✓ within the required range") if ok else self.tr("✗ outside the range")
        self.measure_verdict.setText(f"<span style='color:{colour};font-weight:600'>{word}</span>")

    def _update_text_counter(self) -> None:
        if self.text_counter is None or self.text_edit is None or self._item is None:
            return
        n = len(self.text_edit.toPlainText().strip())
        need = self._item.text_spec.min_length if self._item.text_spec else 0
        if need:
            colour = theme.PASS if n >= need else theme.FAIL
            self.text_counter.setText(
                f"<span style='color:{colour}'>"
                + self.tr("{0} / {1} characters").format(n, need)
                + "</span>"
            )
        else:
            self.text_counter.setText(self.tr("{0} characters").format(n))

    # ---------------------------------------------------------------- requests
    def judge(self, result: Result) -> None:
        """Record an explicit judgement (buttons and keys 1/2/3)."""
        if self._item is None or self._read_only:
            return
        # Text still waiting for its pause is saved first, so the judgement keeps it.
        self.flush()
        if result == Result.NA and not self._item.na_choosable(self._scenario):
            self.invalid_value.emit(
                self.tr(
                    "This item applies in the scenario played and cannot be answered N/A: "
                    "answer Pass or Fail."
                )
                if self._item.scenario_decides_na
                else self.tr("This item cannot be answered N/A.")
            )
            self.show_answer(self._answer)
            return
        value = self._answer.value if self._answer else None
        self.answer_requested.emit(self._item.id, result, value)

    def _parse(self, raw: object) -> AnswerValue:
        if self._item is None or raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        try:
            return coerce_value(self._item, raw)
        except AnswerError:
            return None

    def _request_value(self, raw: object) -> None:
        if self._item is None or self._read_only:
            return
        if raw is None:
            # An emptied field: no value any more; an explicit judgement stays.
            self._refused = None
            if self._answer is None or self._answer.value is None:
                return
            self.answer_requested.emit(self._item.id, self._answer.result, None)
            return
        try:
            value = coerce_value(self._item, raw)
        except AnswerError as e:
            self._refused = raw if isinstance(raw, str) else None
            self.invalid_value.emit(user_text(e))
            return
        self._refused = None
        current = self._answer.value if self._answer else None
        if value == current and (self._answer is None or self._answer.result is None):
            return
        # A new value hands the judgement back to the scoring engine.
        self.answer_requested.emit(self._item.id, None, value)

    def _value_edited(self, _text: str) -> None:
        self._value_timer.start()
        self._keep_timer.start()
        self.editing.emit()

    def _commit_value(self) -> None:
        self._value_timer.stop()
        if self.measure_edit is not None:
            self._commit_measure()
        elif self.count_edit is not None:
            self._commit_count()

    def _commit_count(self) -> None:
        self._commit_typed_number(self.count_edit)

    def _commit_measure(self) -> None:
        self._commit_typed_number(self.measure_edit)

    def _commit_typed_number(self, edit: QLineEdit | None) -> None:
        """Record what the count or measurement field holds: the number typed, or no value
        when it was emptied (only passing through the field records nothing)."""
        self._value_timer.stop()
        if edit is None:
            return
        text = edit.text().strip()
        current = self._answer.value if self._answer else None
        if not text:
            if current is not None:
                self._request_value(None)
            return
        parsed = self._parse(text)
        if parsed is not None and parsed == current:
            return
        if parsed is None and text == self._refused:
            return  # already refused and told; the field still shows it for correcting
        self._request_value(text)

    def _text_changed(self) -> None:
        self._update_text_counter()
        self._text_timer.start()
        self._keep_timer.start()
        self.editing.emit()

    def _commit_text(self) -> None:
        if self.text_edit is None or self._item is None:
            return
        text = self.text_edit.toPlainText()
        current = self._answer.value if self._answer else None
        if text == (current or ""):
            return
        if not text.strip():
            # Emptied (or only blanks): no text answer, as a crash recovery would record.
            self._request_value(None)
            return
        self.answer_requested.emit(self._item.id, None, text)

    def typed_text(self) -> str | None:
        """What the value field of this item holds now (None: no typed field)."""
        for edit in (self.measure_edit, self.count_edit):
            if edit is not None:
                return edit.text()
        if self.text_edit is not None:
            return self.text_edit.toPlainText()
        return None

    def _keep_typed(self) -> None:
        self._keep_timer.stop()
        text = self.typed_text()
        if self._item is None or self._read_only or text is None:
            return
        self.value_typed.emit(self._item.id, text)

    def reset(self) -> None:
        """Forget the item shown (another inspection opens); pending typing was flushed."""
        self._text_timer.stop()
        self._value_timer.stop()
        self._keep_timer.stop()
        self._item = None
        self._answer = None

    def flush(self) -> None:
        """Save pending typing now (before navigating away or closing)."""
        self._keep_timer.stop()  # recorded now: nothing left to keep
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._commit_text()
        if self._value_timer.isActive():
            self._commit_value()
        elif self.measure_edit is not None and self.measure_edit.hasFocus():
            self._commit_measure()
        elif self.count_edit is not None and self.count_edit.hasFocus():
            self._commit_count()
