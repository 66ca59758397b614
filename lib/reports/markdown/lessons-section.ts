import type { Lesson } from "../suggest-lessons";
import { escapeMarkdown } from "./markdown-text";

export function renderLessons(lessons: Lesson[]): string {
  if (lessons.length === 0) {
    return "## Lessons learned\n\nThe evidence suggests no lesson on its own; add the team's.";
  }
  const items = lessons.map(
    (lesson, index) =>
      `${index + 1}. **${escapeMarkdown(lesson.title)}.** ${escapeMarkdown(lesson.finding)} ` +
      `*Recommendation:* ${escapeMarkdown(lesson.recommendation)}`,
  );
  return ["## Lessons learned", "Suggested from the evidence; keep, reword or drop each one.", items.join("\n")].join("\n\n");
}
