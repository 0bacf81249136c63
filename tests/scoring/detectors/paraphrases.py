"""Paraphrases written for the robustness test: each risk's idea in several voices and wordings,
beside look-alikes that must not count. None is copied from any corpus (their licences forbid it,
and copying would hide overfitting). ``(sentence, detected?)`` per risk."""

from __future__ import annotations

PARAPHRASES: dict[str, list[tuple[str, bool]]] = {
    "broad_disclosure": [
        ("Should Orchard Labs judge it prudent, it may give account records to outside parties.", True),
        ("Customer files can be handed to government bodies whenever they ask for them.", True),
        ("We reserve the right to release member information if we think this protects our business.", True),
        ("Your details may be passed to a purchaser if our company or its assets change hands.", True),
        ("Information may be supplied to the police upon their request.", True),
        (
            "We could provide your records to others where we decide, in our own judgement, that it is "
            "warranted.",
            True,
        ),
        (
            "In the event we are bought by another firm, user data would be among the assets transferred.",
            True,
        ),
        ("Records will be turned over in answer to subpoenas and similar legal demands.", True),
        ("We receive fraud alerts from credit agencies about your card.", False),
        ("Our processors must keep your data confidential under contract.", False),
        ("We only release data when a judge signs a warrant, and we tell you first.", False),
        ("The lawful basis for processing your order is the contract with you.", False),
        ("An intruder's unauthorized acquisition of data is something we work hard to prevent.", False),
        ("We share your address with the courier who delivers your parcel.", False),
    ],
    "no_opt_out": [
        ("There is no setting that lets you turn off the diagnostics the app sends us.", True),
        ("You will not be able to stop the tracking pixels in our emails.", True),
        ("Entering your mobile number is mandatory, and it will be used for marketing texts.", True),
        ("We keep sending our weekly offers even after you unsubscribe.", True),
        ("The only way to stop our promotional emails is to close your account.", True),
        ("If you object to any part of this notice, you must stop using the site.", True),
        ("By continuing to browse, you agree that we may track your visits.", True),
        ("Simply by using the app, users accept how Orchard Labs handles their data.", True),
        ("You can switch off personalised ads in your profile settings at any time.", False),
        ("If you do not give us a delivery address, we cannot ship your order.", True),
        ("Every marketing email has an unsubscribe link at the bottom.", False),
        ("You may withdraw your consent to analytics cookies in the cookie banner.", False),
        ("We will tell you about changes to this notice by email.", False),
        ("Signing in with a social account is optional; an email address works too.", False),
    ],
    "retention_after_deletion": [
        ("Your comments stay visible to other readers even after your profile is removed.", True),
        ("Closing an account does not wipe the invoices we hold about it.", True),
        ("Copies of erased files can linger on our backup tapes for a while.", True),
        ("After you leave, we hang on to your support tickets for three years.", True),
        ("We may turn down a request to erase data we need for tax records.", True),
        ("Deleted chats are purged from every server within 14 days.", True),
        ("Some usage logs outlive account deletion and are used to improve our products.", True),
        ("Even once you delete a photo, the people you sent it to may keep a copy.", True),
        ("We keep your files until you delete them.", False),
        ("Inactive trial accounts are removed by us after twelve months.", False),
        ("You can delete your account from the settings page.", False),
        ("Clearing your browser cookies removes our preferences file from your computer.", False),
        ("We keep invoices for seven years because tax law requires it.", False),
        ("Moderators may remove posts that break the rules.", False),
    ],
}
