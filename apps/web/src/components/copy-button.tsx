import { useEffect, useState } from 'react';

/** Copies a text to the clipboard and says so for two seconds (or says that the browser refused). */
export function CopyButton({
  text,
  testId,
  label = 'Copy',
}: {
  text: string;
  testId: string;
  label?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      data-testid={testId}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy refused: select the text' : label}
    </button>
  );
}
