/**
 * Inline CSS for the self-check page: readable on a phone, high contrast (WCAG 2.2 AA, checked by
 * tests/e2e/a11y), honours dark mode and reduced motion; focus is always visible; status colours
 * only repeat the words beside them.
 */
export const PAGE_STYLE = `
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;background:#f3f2f1;color:#1b1a19;font-family:"Segoe UI",system-ui,-apple-system,Roboto,Helvetica,Arial,sans-serif;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:8px;padding:1.25rem 1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
p{margin:.5rem 0}
.muted{color:#484644}
.hidden{display:none}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
:focus-visible{outline:3px solid #0f548c;outline-offset:2px}
.checks{list-style:none;margin:1rem 0;padding:0}
.check{display:block;border-left:6px solid #8a8886;background:#faf9f8;margin:.5rem 0;padding:.6rem .8rem;border-radius:4px}
.check .name{font-weight:600}
.check .state{float:right;font-weight:600;margin-left:.5rem}
.check .detail{display:block;clear:both;color:#323130;word-wrap:break-word}
.check.ok{border-left-color:#107c10}.check.ok .state{color:#0b5a0b}
.check.warn{border-left-color:#c19c00}.check.warn .state{color:#6b5700}
.check.bad{border-left-color:#a4262c}.check.bad .state{color:#a4262c}
.check.info{border-left-color:#0f6cbd}.check.info .state{color:#0f548c}
.check.busy .state,.check.skip .state{color:#484644}
.done{border:2px solid #8a8886;border-radius:8px;padding:1rem;margin-top:1rem}
.done.ok{border-color:#107c10}.done.bad{border-color:#a4262c}
.done h2{margin:0 0 .25rem;font-size:1.25rem}
#status{font-weight:600}
details{margin-top:1rem}
summary{cursor:pointer;min-height:2.75rem;padding:.5rem 0}
@media (prefers-color-scheme:dark){
 body{background:#11100f;color:#f3f2f1}
 .card{background:#1f1e1d;box-shadow:none}
 .muted,.check .detail{color:#d2d0ce}
 .check{background:#292827}
 .check.ok .state{color:#92c353}.check.warn .state{color:#fce100}.check.bad .state{color:#f1707b}
 .check.info .state{color:#7fb3e6}
 .check.busy .state,.check.skip .state{color:#d2d0ce}
 :focus-visible{outline-color:#7fb3e6}
}
@media (prefers-reduced-motion:reduce){
 *,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}
}
@media (forced-colors:active){
 .check,.done{border-color:CanvasText}
}
`;
