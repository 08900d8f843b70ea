import { timeLabeller } from './labels';

describe('chart time labels', () => {
  it('show the time within a day and the date across days', () => {
    const day = ['2025-12-25T10:00:00.000Z', '2025-12-25T14:00:00.000Z'];
    expect(timeLabeller(day)(day[0])).toBe(
      new Date(day[0]).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    );
    const month = ['2025-11-25T10:00:00.000Z', '2025-12-25T10:00:00.000Z'];
    const label = timeLabeller(month)(month[0]);
    expect(label).toContain(new Date(month[0]).toLocaleDateString([], { month: 'short' }));
    expect(timeLabeller(['2025-12-25'])('2025-12-25')).toMatch(/Dec 25|25 Dec/);
  });
});
