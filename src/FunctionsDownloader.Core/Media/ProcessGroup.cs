using System.Runtime.InteropServices;

namespace FunctionsDownloader.Media;

/// <summary>
/// Ends a whole process group. Tools are started through <c>setsid</c>, so the tool's pid is also
/// its group id and every process it starts (yt-dlp's ffmpeg, say) is in the group. Killing only
/// the tool would leave those children running under PID 1.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>Sends SIGKILL to every process in the group led by <paramref name="leaderPid"/>.</summary>
    /// <returns>Whether any process received the signal.</returns>
    public static bool Kill(int leaderPid)
    {
        if (leaderPid <= 1 || !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        // A negative pid addresses the process group; ESRCH just means it is already gone.
        return NativeKill(-leaderPid, SigKill) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
