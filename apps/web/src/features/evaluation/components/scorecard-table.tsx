import type { ScorecardTable as Scorecard } from '@studio/api';

/** The scorecard as credit officers read it: points per bin of each characteristic, with the scaling used. */
export function ScorecardTable({ scorecard }: { scorecard: Scorecard }) {
  return (
    <div data-testid="scorecard">
      <p className="small muted" data-testid="scorecard-scaling">
        {scorecard.baseScore} points at odds {scorecard.baseOdds}:1, {scorecard.pdo} points to double the odds
        (PDO {scorecard.pdo}).
      </p>
      <div className="table-scroll scorecard-scroll">
        <table className="data-table" data-testid="scorecard-table">
          <thead>
            <tr>
              <th scope="col">Characteristic</th>
              <th scope="col">Bin</th>
              <th scope="col" className="num">
                WOE
              </th>
              <th scope="col" className="num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {scorecard.rows.map((r, i) => (
              <tr
                key={`${r.characteristic}-${r.bin}`}
                className={rowStart(scorecard, i) ? 'group-start' : ''}
              >
                <td>{rowStart(scorecard, i) ? r.characteristic : ''}</td>
                <td>{r.bin}</td>
                <td className="num">{r.woe.toFixed(3)}</td>
                <td className="num" data-testid="scorecard-points">
                  {Number.isInteger(r.points) ? r.points : r.points.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

// The characteristic name is printed once, on the first of its bins, as in a printed scorecard.
function rowStart(scorecard: Scorecard, i: number): boolean {
  return i === 0 || scorecard.rows[i - 1]?.characteristic !== scorecard.rows[i]?.characteristic;
}
