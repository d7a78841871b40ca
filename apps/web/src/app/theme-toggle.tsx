import { setThemeChoice, useTheme, type ThemeChoice } from './theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };

/** One button in the top bars: system → light → dark → system; the choice is remembered in this browser. */
export function ThemeToggle() {
  const { choice, theme } = useTheme();
  return (
    <button
      className="ghost theme-toggle"
      data-testid="theme-toggle"
      data-theme-choice={choice}
      aria-label={`Theme: ${LABEL[choice]}${choice === 'system' ? ` (${theme})` : ''}. Switch to ${LABEL[NEXT[choice]]}`}
      title={`Theme: ${LABEL[choice]}${choice === 'system' ? ` (follows the system: ${theme})` : ''}; click for ${LABEL[NEXT[choice]]}`}
      onClick={() => setThemeChoice(NEXT[choice])}
    >
      {theme === 'dark' ? '☾' : '☀'} {LABEL[choice]}
    </button>
  );
}
