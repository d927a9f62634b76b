{{ splitn `ab` 4 `bb,` }}
{{ splitn `,` -1 `日日,abab,` }}
{{ splitn `é` 3 `;` }}
{{ splitn `ab` 0 `;日é,` }}
{{ splitn `;` 1 `é ` }}
{{ splitn `é` 1 `,,` }}
{{ splitn `` 0 `a-ababbabé` }}
{{ splitn `ab` 1 `` }}
{{ splitn `,` 1 `,b` }}
{{ splitn `,` 2 `;,,,,` }}
{{ splitn `ab` -1 `日,,,` }}
{{ splitn `é` 1 `` }}
{{ splitn `,` 0 ` ,,ab;-a` }}
{{ splitn `;` 4 `,,;日-日日- ` }}
{{ splitn `,` 4 `,,,` }}
{{ splitn `,` 2 `` }}
{{ splitn `ab` 0 `,,é;bba` }}
{{ splitn `ab` 2 `,ab,,` }}
{{ splitn `;` 3 `,,é;;éab` }}
{{ splitn `,` 1 `` }}
{{ splitn `ab` -1 `,-` }}
{{ splitn `ab` -1 `bab日b日,,ab-` }}
{{ splitn `ab` 1 ` a,, a` }}
{{ splitn `ab` 1 `,abab,,-` }}
{{ splitn `,` 3 `日日,,aab` }}
{{ splitn `é` -1 `` }}
{{ splitn `é` 3 `` }}
{{ splitn `,` 1 `é,,aéab` }}
{{ splitn `,` 2 `,,` }}
{{ splitn `ab` 1 `,,a,éé;,ab` }}
{{ splitn `;` 3 `日` }}
{{ splitn `` 3 `éé-abéa` }}
{{ splitn `,` 4 `-日,,` }}
{{ splitn `` 3 `b` }}
{{ splitn `;` 1 `b,-,,-;` }}
{{ splitn `;` -1 ` a,,-` }}
{{ splitn `;` 3 `,,` }}
{{ splitn `` 1 `,,,a ` }}
{{ splitn `` 4 `` }}
{{ splitn `,` 1 `,,,aab,,日` }}
