using System.Globalization;

namespace FunctionsDownloader.Media;

/// <summary>
/// Finds tool processes a crashed host left behind: processes whose command line points into the
/// work root and whose parent is gone (re-parented to PID 1). Tools run in their own process group,
/// so ending an orphan's group also ends the ffmpeg it started.
/// </summary>
internal static class OrphanedTools
{
    /// <summary>Kills the groups of orphaned tools working under <paramref name="workRoot"/>; returns how many.</summary>
    public static int Kill(string workRoot)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return 0;
        }

        string marker = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workRoot)) + Path.DirectorySeparatorChar;
        int killed = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!commandLine.Contains(marker, StringComparison.Ordinal) || ParentOf(dir) != 1)
                {
                    continue;
                }

                if (ProcessGroup.Kill(pid))
                {
                    killed++;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return killed;
    }

    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    private static int ParentOf(string processDirectory)
    {
        string stat = File.ReadAllText(Path.Combine(processDirectory, "stat"));
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
