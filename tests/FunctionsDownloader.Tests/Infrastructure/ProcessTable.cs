namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>Reads the machine's process table (Linux /proc) to prove tools were ended.</summary>
public static class ProcessTable
{
    /// <summary>Command lines of live processes that contain <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> CommandLinesContaining(string marker)
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                bool zombie = stat.Contains(") Z ", StringComparison.Ordinal);
                if (!zombie && cmdline.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(cmdline);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Waits until no live process mentions <paramref name="marker"/>, or the time is up.</summary>
    public static async Task<IReadOnlyList<string>> WaitUntilNoneAsync(string marker, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<string> left;
        do
        {
            left = CommandLinesContaining(marker);
            if (left.Count == 0)
            {
                return left;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        return left;
    }
}
