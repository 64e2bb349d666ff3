namespace IrBot.Tests.Hosting;

/// <summary>
/// slack-app-manifest.socket.yml is the HTTP manifest without request URLs and with Socket Mode on: a scope,
/// event or command added to one and not the other would break only the people who chose that mode.
/// </summary>
public sealed class SocketModeManifestTests
{
    private static readonly string Root = FindRepositoryRoot();

    // In Socket Mode commands, events, interactions and block suggestions all arrive over the socket.
    private static readonly string[] UrlKeys = ["url:", "request_url:", "options_load_url:"];

    [Fact]
    public void The_socket_mode_manifest_is_the_http_manifest_without_urls_and_with_socket_mode_on()
    {
        var http = Lines("slack-app-manifest.yml")
            .Where(l => !UrlKeys.Any(key => l.TrimStart().StartsWith(key, StringComparison.Ordinal)))
            .Select(l => l.Replace("socket_mode_enabled: false", "socket_mode_enabled: true", StringComparison.Ordinal));
        var socket = Lines("slack-app-manifest.socket.yml").ToList();

        Assert.Equal(http, socket);
        Assert.Contains("  socket_mode_enabled: true", socket);
        Assert.DoesNotContain(socket, l => l.Contains("https://", StringComparison.Ordinal));
    }

    /// <summary>The manifest's lines without comments and trailing blanks.</summary>
    private static IEnumerable<string> Lines(string file) =>
        File.ReadAllLines(Path.Combine(Root, file))
            .Where(l => !l.TrimStart().StartsWith('#'))
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0);

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IrBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("IrBot.sln not found above the test binaries");
    }
}
