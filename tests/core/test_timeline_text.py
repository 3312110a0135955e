"""The compiled timeline as text, as `hamtimer show` prints it and the editor previews it."""

from __future__ import annotations

import re

from hamtimer.core.plan import compile_plan
from hamtimer.core.timeline_text import plan_lines, timeline_rows
from tests.builders import exercise_template, template

STEP_LINE = re.compile(r"^\s*\d+\s+\d+:\d\d\s+(\d+ s|open)\s+[A-Z]+")


# --- plan_lines -----------------------------------------------------------------------------


def test_plan_lines_header() -> None:
    t = template()
    lines = plan_lines(t, compile_plan(t))
    assert lines[0] == "Test bridge  (id test-bridge, version 1, beginner)"
    assert lines[1] == "Source: A test article"
    assert lines[2] == "Total: 2:26 in 8 steps"  # a switch is its 10 s and the 3-2-1 after
    assert lines[3] == ""
    assert lines[4].split() == ["#", "START", "LENGTH", "PHASE", "SIDE", "SET", "WHAT"]


def test_plan_lines_one_line_per_step_with_cues_below() -> None:
    t = template()
    plan = compile_plan(t)
    lines = plan_lines(t, plan)
    steps = [line for line in lines if STEP_LINE.match(line)]
    assert len(steps) == len(plan.steps)
    # The run screen's words: GET READY, SWITCH SIDES, LEFT / RIGHT.
    assert steps[0].split()[:7] == ["0", "0:00", "10", "s", "GET", "READY", "LEFT"]
    assert steps[1].split()[:7] == ["1", "0:10", "20", "s", "HOLD", "LEFT", "1/2"]
    assert steps[2].split()[:7] == ["2", "0:30", "13", "s", "SWITCH", "SIDES", "RIGHT"]
    assert steps[4].split()[:5] == ["4", "1:03", "30", "s", "REST"]
    assert "Rest → Bridge hold, left leg, set 2 of 2" in steps[4]
    cue_lines = [line for line in lines if '"' in line and not STEP_LINE.match(line)]
    assert len(cue_lines) == sum(len(step.cues) for step in plan.steps)
    assert any('5.0 s  form     "Squeeze the glutes"' in line for line in cue_lines)
    assert any("(asked for 0.0 s)" in line for line in cue_lines)


def test_plan_lines_equipment_and_open_steps() -> None:
    t = exercise_template(
        mode="open",
        hold_s=None,
        goal="20 yards",
        sides="both",
        equipment=["Bench", "Band"],
        wait_for_done=True,
    )
    plan = compile_plan(t)
    lines = plan_lines(t, plan)
    assert "Equipment: Bench, Band" in lines
    assert lines[2].startswith("Total: ") and "open step" in lines[2]
    assert any(STEP_LINE.match(line) and " open  GO " in line for line in lines)


def test_plan_lines_show_dropped_cues() -> None:
    t = exercise_template(
        hold_s={"target": 3},
        cues=[{"text": "A very long sentence that takes a while to say out loud"}],
    )
    plan = compile_plan(t)
    dropped = [cue for step in plan.steps for cue in step.dropped]
    assert dropped
    lines = plan_lines(t, plan)
    shown = [line for line in lines if "DROPPED" in line]
    assert len(shown) == len(dropped)
    assert all("A very long sentence" in line for line in shown)
    assert all(dropped[0].reason in line for line in shown)


def test_timeline_rows_are_narrow_with_cues_below() -> None:
    t = template()
    rows = timeline_rows(compile_plan(t))
    assert rows[1].start == "0:10"
    assert rows[1].what == "HOLD LEFT 1/2 · Bridge hold"
    assert rows[1].length == "20 s"
    assert rows[1].cues[0] == 'at 0.0 s: "Left leg. Hold."'
    assert any(cue.endswith('"Squeeze the glutes"') for cue in rows[1].cues)


def test_plan_lines_end_with_each_exercise_its_notes_caution_and_numbers() -> None:
    t = exercise_template(
        caution="Stop at a sharp pull.", notes="Start at 20 s.", sourced_numbers=["hold_s"]
    )
    lines = plan_lines(
        t.model_copy(update={"sourcing_note": "Hold from the article."}), compile_plan(t)
    )
    tail = lines[lines.index("Exercises (where the numbers come from, notes, cautions):") :]
    assert tail[1:] == [
        "  Main",
        "    Bridge hold: 2 x 20-30 s hold each side"
        " (hold time from the article; sets and rests ours)",
        "      Note: Start at 20 s.",
        "      Caution: Stop at a sharp pull.",
        "Numbers: Hold from the article.",
    ]


def test_plan_lines_show_the_template_notes_and_a_choose_some_turn() -> None:
    from hamtimer.core.rotation import next_turn
    from hamtimer.core.template_choice import TemplateChoice

    doc = template().model_dump(mode="json", exclude_none=True)
    doc["exercises"] += [dict(doc["exercises"][0], id=i, name=i.title()) for i in ("b", "c")]
    t = template(exercises=doc["exercises"], choose_per_session=1, notes="Rest days matter.")
    turn = next_turn(t, TemplateChoice(), [])
    lines = plan_lines(t, compile_plan(t), turn)
    assert "Notes: Rest days matter." in lines
    assert (
        "Runs 1 of its 3 main exercises per session, taking turns."
        " This session (in turn): Bridge hold; the others: B and C." in lines
    )
