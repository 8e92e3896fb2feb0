using System.Globalization;

namespace FunctionsDownloader.Bench.Hosting;

/// <summary>
/// CPU seconds a process has used, read from <c>/proc/&lt;pid&gt;/stat</c>: its own, and that of its
/// children it has waited for (the tools it ran).
/// </summary>
public readonly record struct CpuTime(double OwnSeconds, double ChildrenSeconds)
{
    // The kernel reports these fields in clock ticks; USER_HZ is 100 on Linux.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time of <paramref name="processId"/> now.</summary>
    public static CpuTime Of(int processId)
    {
        string stat = File.ReadAllText($"/proc/{processId}/stat");

        // "pid (comm) state ppid …": comm may hold spaces, so count fields after the last ')'.
        // utime, stime, cutime and cstime are fields 14 to 17, so 11 to 14 after it.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int index) =>
            long.Parse(fields[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new CpuTime(
            (Ticks(11) + Ticks(12)) / TicksPerSecond,
            (Ticks(13) + Ticks(14)) / TicksPerSecond);
    }

    /// <summary>What was used between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static CpuTime operator -(CpuTime after, CpuTime before) =>
        new(after.OwnSeconds - before.OwnSeconds, after.ChildrenSeconds - before.ChildrenSeconds);

    /// <summary>A short description: own and children's seconds.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{OwnSeconds:0.0} s own + {ChildrenSeconds:0.0} s tools");
}
