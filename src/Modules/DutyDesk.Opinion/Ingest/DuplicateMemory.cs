using System.Collections.Concurrent;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Similarity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Ingest;

/// <summary>
/// Per unit, the recent items' near-duplicate index on this node. Before each batch it catches up with the items
/// other nodes stored since, so marking holds across nodes — read back only when the unit's
/// <see cref="IngestMark"/> shows another node wrote since this one's last batch; after a failed batch it is
/// forgotten and rebuilt, so an item that was never stored is never a group's first.
/// </summary>
internal sealed class DuplicateMemory(IOptions<OpinionOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, UnitMemory> units = new();
    private NearDuplicateSketcher? sketcher;

    /// <summary>Sketches posts for the unit indexes (thread-safe: a batch is sketched on every core before it enters).</summary>
    public NearDuplicateSketcher Sketcher => sketcher ??= new NearDuplicateSketcher(IndexOptions);

    private OpinionOptions Options => options.Value;

    private NearDuplicateOptions IndexOptions => new() { Capacity = Options.DuplicateCapacity };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Serialises the unit's ingest on this node (the index is not thread-safe); dispose to leave.</summary>
    public async Task<Lease> EnterAsync(Guid unitId, CancellationToken ct)
    {
        var memory = units.GetOrAdd(unitId, _ => new UnitMemory());
        await memory.Gate.WaitAsync(ct);
        return new Lease(this, unitId, memory);
    }

    internal sealed class UnitMemory
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public NearDuplicateIndex? Index { get; set; }

        public List<Guid> Ids { get; } = [];

        public HashSet<Guid> Known { get; } = [];

        public DateTime CaughtUpTo { get; set; }

        /// <summary>The unit's <see cref="IngestMark"/> after this node's last batch; -1 when not known.</summary>
        public long Mark { get; set; } = -1;
    }

    internal sealed class Lease(DuplicateMemory owner, Guid unitId, UnitMemory memory) : IDisposable
    {
        private bool failed = true;

        /// <summary>
        /// Loads the items stored since the last batch (all of the window the first time); nothing when the unit's
        /// mark before this batch (<paramref name="markBefore"/>, read under its lock) is the one this node left.
        /// </summary>
        public async Task CatchUpAsync(AppDbContext db, long markBefore, CancellationToken ct)
        {
            var o = owner.Options;
            var now = owner.Now;
            if (memory.Index is null || memory.Ids.Count > 4 * o.DuplicateCapacity)
            {
                memory.Index = new NearDuplicateIndex(owner.IndexOptions);
                memory.Ids.Clear();
                memory.Known.Clear();
                memory.CaughtUpTo = now.AddDays(-o.DuplicateWindowDays);
            }
            else if (memory.Mark == markBefore)
            {
                return;
            }

            // A little overlap: a transaction of another node may commit rows stamped slightly earlier. Ids first,
            // texts only for the items this node has not seen (usually none), so a busy unit costs little.
            var from = memory.CaughtUpTo.AddMinutes(-2);
            var recent = await db.Set<Item>().AsNoTracking()
                .Where(i => i.UnitId == unitId && i.CollectedAt >= from)
                .Select(i => new { i.Id, i.CollectedAt })
                .ToListAsync(ct);
            var unseen = recent.Where(r => !memory.Known.Contains(r.Id)).OrderBy(r => r.CollectedAt).ThenBy(r => r.Id).Select(r => r.Id).ToList();
            var position = unseen.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            foreach (var chunk in unseen.Chunk(1000))
            {
                var texts = await db.Set<Item>().AsNoTracking()
                    .Where(i => chunk.Contains(i.Id))
                    .Select(i => new { i.Id, i.Folded, i.CollectedAt, First = i.DuplicateOfId == null })
                    .ToListAsync(ct);

                // Groups' firsts before their reposts: a batch's items need not be in id order, and replaying a
                // repost first would make it its group's first on this node while the writer marked another.
                foreach (var item in texts.OrderByDescending(t => t.First).ThenBy(t => position[t.Id]))
                {
                    Remember(item.Id, owner.Sketcher.Sketch(item.Folded));
                    memory.CaughtUpTo = item.CollectedAt > memory.CaughtUpTo ? item.CollectedAt : memory.CaughtUpTo;
                }
            }
        }

        /// <summary>Finds the item's group among remembered items and remembers it; the first item of its group, if another.</summary>
        public (Guid? FirstId, double Similarity) Add(Guid id, NearDuplicateSketch sketch)
        {
            var match = Remember(id, sketch);
            return match.IsDuplicate && match.GroupId < memory.Ids.Count && memory.Ids[(int)match.GroupId] != id
                ? (memory.Ids[(int)match.GroupId], match.Similarity)
                : (null, 0);
        }

        /// <summary>The batch committed and raised the unit's mark to <paramref name="mark"/>.</summary>
        public void Committed(DateTime collectedAt, long mark)
        {
            failed = false;
            memory.Mark = mark;
            memory.CaughtUpTo = collectedAt > memory.CaughtUpTo ? collectedAt : memory.CaughtUpTo;
        }

        /// <summary>The batch stored nothing and left the index as it was.</summary>
        public void Unchanged() => failed = false;

        public void Dispose()
        {
            if (failed)
            {
                memory.Index = null;
            }

            memory.Gate.Release();
        }

        private NearDuplicateMatch Remember(Guid id, NearDuplicateSketch sketch)
        {
            var match = memory.Index!.Add(memory.Ids.Count, sketch);
            memory.Ids.Add(id);
            memory.Known.Add(id);
            return match;
        }
    }
}
