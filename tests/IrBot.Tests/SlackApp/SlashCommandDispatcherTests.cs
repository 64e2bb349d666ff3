using IrBot.Telemetry;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrBot.Tests.SlackApp;

public class SlashCommandDispatcherTests
{
    private readonly Recorder _ic = new(IcCommand.Usage);
    private readonly Recorder _note = new(NoteCommand.Usage);
    private readonly SlashCommandDispatcher _dispatcher;

    public SlashCommandDispatcherTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILogger<SlashCommandDispatcher>>(NullLogger<SlashCommandDispatcher>.Instance);
        services.AddKeyedSingleton("ic", _ic);
        services.AddKeyedSingleton("/note", _note);
        services.AddSubcommand<IcCommand>();
        services.AddSubcommand<NoteCommand>();
        services.AddScoped<SlashCommandDispatcher>();
        services.AddIrBotMetrics();
        _dispatcher = services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<SlashCommandDispatcher>();
    }

    [Fact]
    public void A_second_handler_for_a_word_stops_the_service_at_start_naming_both()
    {
        var services = new ServiceCollection();
        services.AddSubcommand<IcCommand>();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSubcommand<OtherIcCommand>());

        Assert.Contains("'ic'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(nameof(IcCommand), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(OtherIcCommand), error.Message, StringComparison.Ordinal);
    }

    private static SlashCommand Command(string command, string text) => new()
    {
        Command = command,
        Text = text,
        UserId = "U1",
        ChannelId = "C1",
    };

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("HELP")]
    public async Task Irbot_alone_or_help_lists_every_command(string text)
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", text), CancellationToken.None);

        Assert.False(reply.InChannel);
        Assert.Contains(_ic.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Contains(_note.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Contains("/irbot help", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("does not know", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_ic.Calls);
        Assert.Empty(_note.Calls);
    }

    [Fact]
    public async Task Unknown_word_gets_help_that_names_the_word()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", "frobnicate now"), CancellationToken.None);

        Assert.Contains("`frobnicate`", reply.Text, StringComparison.Ordinal);
        Assert.Contains(_ic.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_ic.Calls);
    }

    [Fact]
    public async Task Unknown_word_is_escaped_in_the_help_reply()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", "<!channel>"), CancellationToken.None);

        Assert.DoesNotContain("<!channel>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subcommand_word_is_matched_case_insensitively_and_gets_the_rest_as_arguments()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", "IC @x"), CancellationToken.None);

        var call = Assert.Single(_ic.Calls);
        Assert.Equal("@x", call.Arguments);
        Assert.Equal("U1", call.UserId);
        Assert.Equal("C1", call.ChannelId);
        Assert.Equal("handled by ic", reply.Text);
    }

    [Fact]
    public async Task Subcommand_without_arguments_gets_empty_arguments()
    {
        await _dispatcher.DispatchAsync(Command("/irbot", "ic"), CancellationToken.None);

        Assert.Equal(string.Empty, Assert.Single(_ic.Calls).Arguments);
    }

    [Fact]
    public async Task Top_level_command_receives_the_whole_text()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/note", "ic was paged at 10:02"), CancellationToken.None);

        Assert.Equal("ic was paged at 10:02", Assert.Single(_note.Calls).Arguments);
        Assert.Empty(_ic.Calls);
        Assert.Equal("handled by /note", reply.Text);
    }

    [Fact]
    public async Task Unknown_top_level_command_is_answered_with_help()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/weather", "94070"), CancellationToken.None);

        Assert.Contains("/weather", reply.Text, StringComparison.Ordinal);
        Assert.Contains(_ic.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_ic.Calls);
        Assert.Empty(_note.Calls);
    }

    private sealed class Recorder(string usage)
    {
        public string Usage => usage;

        public List<CommandContext> Calls { get; } = [];

        public CommandReply Handle(string name, CommandContext context)
        {
            Calls.Add(context);
            return CommandReply.Ephemeral($"handled by {name}");
        }
    }

    private sealed class IcCommand([FromKeyedServices("ic")] Recorder recorder) : ISubcommand
    {
        public static string Name => "ic";

        public static string Usage => "`/irbot ic @user` — set the incident commander";

        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(recorder.Handle(Name, context));
    }

    private sealed class OtherIcCommand : ISubcommand
    {
        public static string Name => "IC";

        public static string Usage => "`/irbot IC` — a second handler for the same word";

        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(CommandReply.None);
    }

    private sealed class NoteCommand([FromKeyedServices("/note")] Recorder recorder) : ISubcommand
    {
        public static string Name => "/note";

        public static string Usage => "`/note text` — add a timeline note";

        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(recorder.Handle(Name, context));
    }
}
