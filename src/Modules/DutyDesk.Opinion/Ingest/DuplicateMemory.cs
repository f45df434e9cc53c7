using System.Collections.Concurrent;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Similarity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Ingest;

/// <summary>
/// Per unit, the recent items' near-duplicate index on this node. Before each batch it catches up with the items
/// other nodes stored since (one indexed query), so marking holds across nodes; after a failed batch it is
/// forgotten and rebuilt, so an item that was never stored is never a group's first.
/// </summary>
internal sealed class DuplicateMemory(IOptions<OpinionOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, UnitMemory> units = new();

    private OpinionOptions Options => options.Value;

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
    }

    internal sealed class Lease(DuplicateMemory owner, Guid unitId, UnitMemory memory) : IDisposable
    {
        private bool failed = true;

        /// <summary>Loads the items stored since the last batch (all of the window the first time).</summary>
        public async Task CatchUpAsync(AppDbContext db, CancellationToken ct)
        {
            var o = owner.Options;
            var now = owner.Now;
            if (memory.Index is null || memory.Ids.Count > 4 * o.DuplicateCapacity)
            {
                memory.Index = new NearDuplicateIndex(new NearDuplicateOptions { Capacity = o.DuplicateCapacity });
                memory.Ids.Clear();
                memory.Known.Clear();
                memory.CaughtUpTo = now.AddDays(-o.DuplicateWindowDays);
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
                    .Select(i => new { i.Id, i.Folded, i.CollectedAt })
                    .ToListAsync(ct);
                foreach (var item in texts.OrderBy(t => position[t.Id]))
                {
                    Remember(item.Id, item.Folded);
                    memory.CaughtUpTo = item.CollectedAt > memory.CaughtUpTo ? item.CollectedAt : memory.CaughtUpTo;
                }
            }
        }

        /// <summary>Finds the item's group among remembered items and remembers it; the first item of its group, if another.</summary>
        public (Guid? FirstId, double Similarity) Add(Guid id, string folded)
        {
            var match = Remember(id, folded);
            return match.IsDuplicate && match.GroupId < memory.Ids.Count && memory.Ids[(int)match.GroupId] != id
                ? (memory.Ids[(int)match.GroupId], match.Similarity)
                : (null, 0);
        }

        public void Committed(DateTime collectedAt)
        {
            failed = false;
            memory.CaughtUpTo = collectedAt > memory.CaughtUpTo ? collectedAt : memory.CaughtUpTo;
        }

        public void Dispose()
        {
            if (failed)
            {
                memory.Index = null;
            }

            memory.Gate.Release();
        }

        private NearDuplicateMatch Remember(Guid id, string folded)
        {
            var match = memory.Index!.Add(memory.Ids.Count, folded);
            memory.Ids.Add(id);
            memory.Known.Add(id);
            return match;
        }
    }
}
