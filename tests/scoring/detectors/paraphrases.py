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


# Four more rounds of 12 per risk, each written before it was first run (2026-12-02): rounds A-C
# found misses that generic rule changes then fixed; round D was measured once after those changes
# (recall 0.62 / 0.62 / 0.75, precision 1.00; docs/accuracy.md) before its misses were fixed too.
# They stay here as regression cases; a new round is the honest measure of generalisation.
ROUNDS: dict[str, dict[str, list[tuple[str, bool]]]] = {
    "A": {
        "broad_disclosure": [
            ("Tidewater may hand over any information it holds when it considers this appropriate.", True),
            ("We will share personal data with public authorities if they ask us to.", True),
            (
                "If Tidewater merges with or is acquired by another company, your data will pass to the new"
                " owner.",
                True,
            ),
            (
                "We may disclose account details where we believe it is needed to defend our legal rights.",
                True,
            ),
            ("Member records may be released to others at our discretion.", True),
            (
                "Your information could be given to regulators, courts or any other party when we think it "
                "is reasonable.",
                True,
            ),
            ("As part of a sale of our business, customer lists may be transferred to the buyer.", True),
            (
                "We may provide your data to law enforcement in response to a request, even without a "
                "warrant.",
                True,
            ),
            ("We share order details with the payment processor that charges your card.", False),
            ("Disclosure is made only when a court orders it, and the user is told beforehand.", False),
            ("Our staff may see your data only when they need it to help you.", False),
            ("We never sell your information to anyone.", False),
        ],
        "no_opt_out": [
            ("Usage statistics are always collected and this cannot be turned off.", True),
            ("Marketing messages are part of the membership and cannot be declined.", True),
            ("Users who do not accept these data practices should not use the service.", True),
            ("Your continued use of the website means you agree to our use of tracking cookies.", True),
            ("There is no way to withdraw from the sharing of your data with our ad partners.", True),
            ("We do not provide an option to stop receiving promotional calls.", True),
            ("The app's location tracking cannot be disabled while it is installed.", True),
            ("Opting out of data sales is not possible.", True),
            ("You may opt out of targeted advertising in the privacy settings.", False),
            ("Each newsletter contains a link to unsubscribe.", False),
            ("You can object to profiling by writing to our data protection officer.", False),
            ("We will stop sharing your data once you tell us to.", False),
        ],
        "retention_after_deletion": [
            ("Even after you close your account, we may keep your messages.", True),
            ("Deleting a photo does not remove it from our servers.", True),
            ("Data from deleted accounts may be kept for our internal business purposes.", True),
            ("Some information may remain in our records after you ask us to erase it.", True),
            ("Comments you posted may still be visible after your account is deleted.", True),
            ("Backup copies of deleted files may be kept for some time.", True),
            ("We hold on to account data for five years after the account has been closed.", True),
            ("Closing your profile will not erase the reviews you wrote.", True),
            ("When you delete your account, we delete your data within 30 days, including backups.", False),
            ("We keep your files only until you delete them.", False),
            ("Chat messages are deleted automatically after 24 hours.", False),
            ("We retain invoices for seven years, as tax law requires.", False),
        ],
    },
    "B": {
        "broad_disclosure": [
            (
                "Information about you may be disclosed to third parties when we judge that it serves our "
                "interests.",
                True,
            ),
            ("We may give personal data to government agencies on their request.", True),
            ("Should the business be sold, customer information will go to the purchaser.", True),
            ("Quillby reserves the right to disclose user data to protect its property.", True),
            ("We may share records with others if we consider it appropriate.", True),
            (
                "Personal details may be disclosed to officials investigating a matter, whenever they ask.",
                True,
            ),
            ("In a merger or acquisition your account data may be transferred as a business asset.", True),
            ("We will cooperate with police requests for user information.", True),
            ("We use a cloud provider to store our backups.", False),
            ("Quillby only discloses data in response to a binding court order.", False),
            ("You can share your playlists with friends.", False),
            ("Authorities sometimes ask for data; we refuse unless a judge orders it.", False),
        ],
        "no_opt_out": [
            ("Quillby does not let users opt out of the collection of crash reports.", True),
            ("Customers are unable to refuse our marketing texts.", True),
            ("Tracking of your activity on the platform cannot be switched off.", True),
            ("By signing up, you consent to receiving promotional emails from our partners.", True),
            ("If you are not comfortable with how we use data, please stop using the app.", True),
            ("You have no choice but to accept analytics cookies to use the site.", True),
            ("Unsubscribing from advertising messages is not supported.", True),
            ("Accessing the website means you accept our sharing of your data with advertisers.", True),
            ("You may turn off marketing messages in the app.", False),
            ("To stop the sharing, use the Do Not Sell link at the bottom of the page.", False),
            ("You can refuse cookies in the banner when you first visit.", False),
            ("We never track you across other websites.", False),
        ],
        "retention_after_deletion": [
            ("Quillby may keep your data after you delete your account.", True),
            ("Information you remove may remain in our systems for an unspecified period.", True),
            ("We might preserve your content even once you have deleted it.", True),
            ("Your posts will remain publicly accessible after you close your account.", True),
            ("Archived copies of deleted data may be kept.", True),
            ("Following account deletion, we retain your usage data for analytics.", True),
            ("Deleting your account does not delete the messages you sent to other users.", True),
            ("Some data may be kept after your deletion request, for fraud prevention.", True),
            ("Your data is deleted once you remove it.", False),
            ("We keep your data for as long as your account is open.", False),
            ("You can delete your posts at any time.", False),
            ("Stories disappear automatically after a day.", False),
        ],
    },
    "C": {
        "broad_disclosure": [
            ("The Provider may communicate subscriber data to any public body that requests it.", True),
            (
                "Where Pondway considers it necessary to safeguard its commercial interests, personal data "
                "may be shared with third parties.",
                True,
            ),
            (
                "If all or part of our business is acquired, personal information held by us will be one of"
                " the transferred assets.",
                True,
            ),
            (
                "We may disclose information about you in order to enforce our terms or protect the rights,"
                " property or safety of Pondway.",
                True,
            ),
            (
                "Your personal data may be made available to investigators of any government on their "
                "demand.",
                True,
            ),
            ("Data can be passed on to others when we deem such a step advisable.", True),
            (
                "We may also share your data to comply with any law, regulation, legal process or "
                "governmental request.",
                True,
            ),
            ("The organisation may release details of members when it believes it is right to do so.", True),
            (
                "We disclose data to a tax authority only where a statute names us and the data, and we "
                "publish the number of such requests.",
                False,
            ),
            ("Pondway's partners may disclose aggregated statistics that identify no one.", False),
            ("The police may contact us, but we hand over nothing without a warrant.", False),
            ("You may share your own data with any app you connect.", False),
        ],
        "no_opt_out": [
            (
                "Participation in our loyalty analytics is compulsory for all account holders and cannot be"
                " withdrawn.",
                True,
            ),
            ("Pondway provides no mechanism for declining interest-based advertising.", True),
            (
                "Should a member object to the processing described here, the only remedy is to terminate "
                "the membership.",
                True,
            ),
            ("Browsing the site signifies your agreement to the collection of your browsing history.", True),
            (
                "It is not possible for users to switch off the sharing of their viewing data with partners.",
                True,
            ),
            ("Even after unsubscribing you will go on receiving our partners' promotions.", True),
            ("Anyone who does not consent to this notice must refrain from using the platform.", True),
            ("Members cannot opt out of having their profile used for targeted offers.", True),
            ("You may opt out of the sale of your personal information at any time.", False),
            ("Promotional messages stop the day you unsubscribe.", False),
            ("Cookie preferences can be changed from the banner at any time.", False),
            ("You will receive a receipt by email each time you buy something.", False),
        ],
        "retention_after_deletion": [
            (
                "Account closure does not result in the erasure of your transaction history, which we keep "
                "for our own reporting.",
                True,
            ),
            ("Copies of removed content may linger on our servers.", True),
            ("When a user deletes a video, Pondway may continue to store it.", True),
            (
                "Erasure requests do not cover data we need for our legitimate business purposes, which we "
                "may keep.",
                True,
            ),
            ("Profiles of closed accounts remain searchable by other members.", True),
            (
                "After you delete your data, it may take up to 12 months before it is removed from our "
                "archives.",
                True,
            ),
            ("We retain information about deleted accounts for as long as we consider useful.", True),
            ("Messages you delete will still be available to the people you sent them to.", True),
            ("Deletion is permanent and immediate; no copy is kept.", False),
            ("Your photos are stored until you delete them.", False),
            ("Temporary files are removed automatically every night.", False),
            ("You may request that we delete your information.", False),
        ],
    },
    "D": {
        "broad_disclosure": [
            ("Heads up: we can pass your info to the cops if they ask.", True),
            (
                "Brackenridge may transfer user data to any successor entity following a reorganisation, "
                "merger or sale of assets.",
                True,
            ),
            (
                "We may disclose personal information where we, acting reasonably, think disclosure helps "
                "protect Brackenridge or its staff.",
                True,
            ),
            ("Data will be furnished to governmental authorities upon request.", True),
            ("We reserve the right to share any information we hold as we see fit.", True),
            (
                "Your information may be handed over to outside parties if we decide that this is in our "
                "interest.",
                True,
            ),
            (
                "If required to do so by law, subpoena or other legal process, or if asked by a regulator, "
                "we will disclose your records.",
                True,
            ),
            (
                "Personal data may be released to third parties to defend our legal rights and those of our"
                " affiliates.",
                True,
            ),
            ("We give your data to no one unless you tell us to.", False),
            ("If a court orders disclosure, we comply and tell you first unless forbidden.", False),
            ("Our email provider processes your address to deliver newsletters.", False),
            ("You can disclose as much or as little as you like in your profile.", False),
        ],
        "no_opt_out": [
            ("Sorry, there's no way to turn off ad personalisation in the free plan.", True),
            (
                "Brackenridge will contact you with promotional offers, and this cannot be stopped while "
                "your account is open.",
                True,
            ),
            ("Users may not opt out of the sale of their data to our partners.", True),
            ("Your use of our website constitutes consent to our tracking of your visits.", True),
            ("If you object to any of the uses above, your only option is to delete your account.", True),
            ("Analytics collection is obligatory for all users of the app.", True),
            (
                "We do not honour Do Not Track signals or any other opt-out request for advertising cookies.",
                True,
            ),
            ("By opening the app you agree to let us share your location with advertisers.", True),
            ("Toggle 'Personalised ads' off in Settings to stop targeted advertising.", False),
            ("You'll find an unsubscribe link at the foot of every email.", False),
            ("We ask before we turn on location sharing, and you can say no.", False),
            ("You can object to direct marketing at any time, free of charge.", False),
        ],
        "retention_after_deletion": [
            ("Heads up: deleting the app doesn't delete your account or your data on our side.", True),
            ("Once deleted, your posts may still show up in search results on our site.", True),
            ("We may store copies of deleted content on our servers for an indefinite time.", True),
            ("Brackenridge keeps account data for three years after closure to improve its products.", True),
            ("Requests to delete data may be refused where we have a business reason to keep it.", True),
            ("Your deleted messages stay in your friends' chat history.", True),
            ("Even after you remove a file, a copy may be kept in our backup system.", True),
            ("Closing an account does not remove the data we collected about your purchases.", True),
            ("We delete everything within seven days of your request, backups included.", False),
            ("Photos stay in your library until you delete them.", False),
            ("We keep receipts for six years because tax law says so.", False),
            ("You can download a copy of your data before you close your account.", False),
        ],
    },
}
for _round in ROUNDS.values():
    for _risk, _rows in _round.items():
        PARAPHRASES[_risk].extend(_rows)
