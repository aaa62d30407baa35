extension FakeSlackServer {
    /// A channel of the fake workspace.
    public struct Channel: Sendable, Hashable {
        /// The channel ID, e.g. `C0000ALERTS`.
        public var id: String
        /// The name without `#`, e.g. `alerts`.
        public var name: String
        /// Private channels are invisible (`channel_not_found`) to a bot that is not a member.
        public var isPrivate: Bool
        /// Whether the bot has joined the channel.
        public var isMember: Bool
        /// Archived channels refuse messages (`is_archived`) and edits (`is_inactive`).
        public var isArchived: Bool

        /// Creates a channel.
        public init(id: String, name: String, isPrivate: Bool = false, isMember: Bool = true, isArchived: Bool = false) {
            self.id = id
            self.name = name
            self.isPrivate = isPrivate
            self.isMember = isMember
            self.isArchived = isArchived
        }
    }

    /// The fake workspace: its bot token, channels, incoming webhooks and user groups.
    public struct Configuration: Sendable, Hashable {
        /// The bot token requests must carry as `Authorization: Bearer …`.
        public var botToken: String
        /// The channels.
        public var channels: [Channel]
        /// Whether the app has `chat:write.public` (post in public channels without joining).
        public var canPostToPublicChannels: Bool
        /// Incoming webhooks: the path after `/services/` → the channel ID they post to.
        public var webhooks: [String: String]
        /// User groups: ID (`S…`) → member user IDs, as `usergroups.users.update` last set them.
        public var userGroups: [String: [String]]
        /// The app-level token (`xapp-…`) `apps.connections.open` accepts (Socket Mode).
        public var appToken: String = FakeSlackServer.defaultAppToken
        /// The app's ID, sent in the Socket Mode `hello`.
        public var appID: String = "A0000FAKEAPP"

        /// Creates a configuration; by default one public channel `#alerts` (`C0000ALERTS`) the bot has joined and
        /// one webhook `T0000/B0000/XXXX` posting to it.
        public init(
            botToken: String = FakeSlackServer.defaultBotToken,
            channels: [Channel] = [Channel(id: "C0000ALERTS", name: "alerts")],
            canPostToPublicChannels: Bool = false,
            webhooks: [String: String] = [FakeSlackServer.defaultWebhookPath: "C0000ALERTS"],
            userGroups: [String: [String]] = [:]
        ) {
            self.userGroups = userGroups
            self.botToken = botToken
            self.channels = channels
            self.canPostToPublicChannels = canPostToPublicChannels
            self.webhooks = webhooks
        }
    }

    /// The default bot token.
    public static let defaultBotToken = "xoxb-1111-2222-fakeslacktoken"
    /// The default app-level token (Socket Mode).
    public static let defaultAppToken = "xapp-1-A0000FAKEAPP-1111-fakeapptoken"
    /// The default incoming webhook's path after `/services/`.
    public static let defaultWebhookPath = "T0000/B0000/XXXX"
}
