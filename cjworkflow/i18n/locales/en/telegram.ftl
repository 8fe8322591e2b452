# Telegram as it really is (issue #12 item 7): how to reach the bot in a group.
# Same message ids as nl/telegram.ftl.

help-bot-name =
    In a group I only read commands and replies to my messages: reply to the step card or use /add <text>; a plain @mention doesn't reach me.
    With other bots in the group, add my name to the command: /next@{ $bot } (works for every command).
group-how-to-add = ✍ To add something in this group: reply to the step card, or send /add <text>.
ack-without-reactions = (Reactions are off in this group, so I confirm in a message now and then; the step card shows every entry.)
