/**
 * The passwords people pick first, for `checkPasswordStrength`. Not a breach corpus: the most
 * common choices from the published top lists (NCSC's "100,000 most used" and SecLists' top 1,000),
 * written as explicit entries plus the common words those lists vary with a digit or symbol suffix
 * ("Password2024!", "Dragon99"). NIST SP 800-63B §5.1.1.2 asks for exactly this check: "passwords
 * obtained from previous breach corpuses, dictionary words, repetitive or sequential characters".
 */

/** Whole passwords, lower-case. Entries shorter than the minimum length are kept for the suffix check. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 123456789 12345678 1234567890 12345 1234567 password password1 password12 password123
password1234 qwerty qwerty1 qwerty12 qwerty123 qwerty1234 qwertyui qwertyuiop qwertyuiop1 qwertz
qwertz123 azerty azerty123 azertyuiop 111111 11111111 000000 00000000 123123 123123123 1234512345
123321 123321123 654321 87654321 987654321 9876543210 666666 66666666 888888 88888888 777777
77777777 555555 55555555 999999 99999999 222222 22222222 333333 33333333 444444 44444444 121212
12121212 131313 13131313 112233 11223344 112233445566 147258369 159357 159753 1593574560 741852963
789456123 789456 147852369 123654789 963852741 12341234 11112222 12344321 20202020 69696969 1q2w3e
1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 1qaz2wsx 1qazxsw2
zaq12wsx zaq1xsw2 zaq1zaq1 !qaz2wsx 1qaz2wsx3edc qazwsx qazwsx123 qazwsxedc qazwsxedcrfv qweasd
qweasdzxc 123qwe 123qweasd 123qweasdzxc qwe123 qwe123qwe qwer1234 1234qwer asdf1234 1234asdf asdfgh
asdfghjk asdfghjkl asdfasdf zxcvbn zxcvbnm zxcvbnm1 zxcvbnm123 12qwaszx 1qaz1qaz abc123 abc12345
abcd1234 1234abcd abcdef abcdefg abcdefgh abcdefg1 abc123456 123abc a1b2c3 a1b2c3d4 a123456 a12345678
aa123456 aa12345678 q123456 q12345678 qq123456 1a2b3c4d iloveyou iloveyou1 iloveyou2 iloveu
lovelove loveyou loveme1 princess princess1 sunshine sunshine1 football football1 baseball baseball1
basketball soccer hockey welcome welcome1 welcome123 welcome2 letmein letmein1 letmein123 letmeinnow
trustno1 superman superman1 batman batman1 spiderman starwars starwars1 whatever whatever1 computer
computer1 internet michelle jennifer jessica jordan23 michael michael1 charlie charlie1 dragon
dragon1 master master1 monkey monkey1 shadow shadow1 mustang mustang1 freedom freedom1 ranger
jordan harley hunter hunter2 buster thomas tigger robert soccer1 liverpool liverpool1 chelsea
chelsea1 arsenal arsenal1 manchester manutd barcelona realmadrid juventus chocolate butterfly
cookie cookie123 pokemon pokemon1 naruto naruto123 minecraft fortnite roblox lakers yankees
cowboys steelers eagles diamond samsung samsung1 google google123 facebook linkedin microsoft
windows windows1 apple apple123 iphone changeme changeme1 changeme123 default default1 secret
secret1 secret123 administrator admin admin1 admin12 admin123 admin1234 admin12345 adminadmin
administrator1 root root123 root1234 toor toor1234 guest guest123 user user123 test test123
test1234 testtest tester testing testing123 demo demo123 sample passw0rd p@ssw0rd p@ssword pa$$word
pa$$w0rd pass pass123 pass1234 passpass passwd passwort passwort1 motdepasse contrasena senha
senha123 parola wachtwoord salasana haslo haslo123 access access14 letmein! password! password1!
qwerty! 1234567890a 0987654321 1111111111 0000000000 5555555555 asdasd asdasd123 zxczxc qweqwe
qweqweqwe aaaaaa aaaaaaaa abcabc 696969 123456a 123456q 123456789a 12345678a 12345qwert 12345abc
1234567a 1234567q 7777777 1111111 ninja mercedes ferrari porsche corvette camaro nissan toyota
honda yamaha ginger maggie daniel andrew joshua matthew anthony william sophie summer winter
autumn spring flower purple orange yellow silver golden banana cheese pepper ginger1 biteme
matrix hello hello123 hello1 helloworld loveyou1 family family1 friends blessed blessed1 jesus
jesus1 god123 angel angel1 angels baby baby123 babygirl babyboy lovely lovely1 beautiful hottie
sexy sexy123 killer killer1 zombie phoenix thunder thunder1 legend legend1 warrior warrior1 money
money1 money123 success forever forever1 always always1 nothing someone myspace myspace1 rockyou
qwerty7 abc123abc conduit conduit1 conduit123 entra entra123 azure azure123 office365 office123
summer2023 summer2024 summer2025 winter2023 winter2024 winter2025 spring2024 autumn2024
`
    .trim()
    .split(/\s+/),
);

/**
 * Words the top lists vary with digits or symbols before or after ("Welcome2024!", "1monkey"):
 * such a password is as guessable as the word itself.
 */
export const COMMON_PASSWORD_WORDS: ReadonlySet<string> = new Set(
  `
password passwd passwort pass qwerty qwertz azerty admin administrator root toor guest user test
tester testing demo welcome letmein iloveyou loveyou love princess sunshine football baseball
basketball soccer hockey superman batman spiderman starwars whatever computer internet michelle
jennifer jessica michael charlie dragon master monkey shadow mustang freedom ranger jordan harley
hunter buster thomas tigger robert liverpool chelsea arsenal manchester barcelona chocolate
butterfly cookie pokemon naruto minecraft fortnite lakers yankees cowboys steelers eagles diamond
samsung google facebook microsoft windows apple iphone changeme default secret summer winter autumn
spring flower purple orange banana cheese pepper matrix hello family friends blessed jesus angel
baby babygirl lovely beautiful killer zombie phoenix thunder legend warrior money success forever
conduit entra azure office qwertyuiop asdfghjkl zxcvbnm abcdef abcdefgh trustno
`
    .trim()
    .split(/\s+/),
);
