/**
 * Settings → Recipes: the saved recipes (table, cohort, what each fix does), whether each
 * applies itself, export (a file to use on another computer) and import, removal. Each change
 * is saved at once: recipes are not part of the settings draft.
 */
import { useEffect, useRef, useState } from 'react';
import type { RecipeView } from '../../../src-main/shared/ipc';
import { invoke } from '../../services/api';
import { exportDone } from '../../services/exports';
import { RECIPE_WORDS as W } from '../report/fix/fixWords';

export function Recipes() {
  const [list, setList] = useState<RecipeView[] | null>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void invoke('recipes.list').then((r) => r.ok && setList(r.value));
  }, []);

  const answer = (
    r: { ok: true; value: RecipeView[] } | { ok: false; error: { message: string } },
    done?: string,
  ) => {
    if (r.ok) {
      setList(r.value);
      setNotice(done ? { tone: 'info', text: done } : null);
    } else setNotice({ tone: 'error', text: r.error.message });
  };

  return (
    <section className="fieldset recipes" aria-labelledby="recipes-title">
      <h3 id="recipes-title" className="section-title">
        {W.title}
      </h3>
      <p className="field-help">{W.intro}</p>
      {list && list.length === 0 && <p className="quiet">{W.none}</p>}
      <ul className="recipe-list">
        {(list ?? []).map((r) => {
          const key = { cohort: r.cohort, table: r.table };
          return (
            <li
              key={`${r.cohort ?? ''}:${r.table}`}
              className="recipe"
              aria-label={W.of(r.cohort, r.table)}
            >
              <p>
                <strong>{W.of(r.cohort, r.table)}</strong>
              </p>
              <ul className="recipe-fixes">
                {r.fixes.map((f) => (
                  <li key={`${f.rule}:${f.column}`}>{f.description}</li>
                ))}
              </ul>
              <div className="action-row">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={r.auto}
                    onChange={(e) =>
                      void invoke('recipes.auto', { ...key, auto: e.target.checked }).then((x) =>
                        answer(x),
                      )
                    }
                  />
                  {W.auto}
                </label>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() =>
                    void invoke('recipes.export', key).then((x) =>
                      setNotice(
                        x.ok
                          ? { tone: 'info', text: exportDone(x.value) }
                          : { tone: 'error', text: x.error.message },
                      ),
                    )
                  }
                >
                  {W.export}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => void invoke('recipes.remove', key).then((x) => answer(x))}
                >
                  {W.remove}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label={W.import}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f)
            void f
              .text()
              .then((text) => invoke('recipes.import', { text }))
              .then((x) => answer(x, W.imported));
        }}
      />
      <button type="button" className="button button-small" onClick={() => file.current?.click()}>
        {W.import}
      </button>
      {notice && (
        <div className={`notice notice-${notice.tone}`} role="status">
          {notice.text}
        </div>
      )}
    </section>
  );
}
